//! The pure numeric core of leadplan, as specified in MODEL.md: no browser, no clock, no I/O.
