/**
 * The largest file a diff may make or patch: 100 MiB, GitHub's limit for one blob (a push with a larger file is
 * refused, and the blobs API returns none larger). A binary patch or delta that declares a larger result is
 * refused before anything of that size is allocated, so memory stays bounded by the diff and the base files.
 */
export const MAX_FILE_BYTES = 100 * 1024 * 1024
