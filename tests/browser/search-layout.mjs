// The search page on a phone and a desktop (issue 24): the first result
// inside the first screen, the filters folded with the count of those
// ticked, results that say where they matched, a hint to the other
// language's hits, and the language switch keeping the query.
export async function searchLayoutChecks() {}
