//! Search: Khmer-aware tokens and the chunked index the browser queries.
