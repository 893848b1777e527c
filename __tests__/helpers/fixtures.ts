/** Report fixtures shared by the CLI and action tests. */

/** A JUnit report with one passing and one failing test (`math › subtracts`, src/math.test.js line 7). */
export const JUNIT = `<?xml version="1.0"?>
<testsuites><testsuite name="math" tests="2" failures="1">
<testcase classname="math" name="adds" file="src/math.test.js"/>
<testcase classname="math" name="subtracts" file="src/math.test.js"><failure message="expected 1 to be 2">AssertionError: expected 1 to be 2
    at src/math.test.js:7:5</failure></testcase>
</testsuite></testsuites>`
