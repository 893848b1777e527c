export const id = 314;
export const ids = [314];
export const modules = {

/***/ 8314:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runApply: () => (/* binding */ runApply)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/** Applies the diff and opens the pull request when asked. */
async function runApply(git, request) {
    if (!request.branch?.trim())
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC('No branch given: pass --branch NAME.');
    if (!request.message?.trim())
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC('No commit message given: pass --message MSG.');
    const applied = await git.applyDiff(request.diff, request.message, {
        branch: request.branch,
        base: request.base
    });
    const output = { branch: applied.branch, commit: applied.commit, files: applied.files };
    if (request.pullRequest) {
        const title = request.pullRequest.title?.trim() || request.message.split('\n')[0];
        const pr = await git.createPullRequest({
            head: applied.branch,
            base: request.pullRequest.base,
            title,
            body: request.pullRequest.body
        });
        output.pullRequest = { number: pr.number, url: pr.url, action: pr.action };
    }
    return output;
}


/***/ })

};
