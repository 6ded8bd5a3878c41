//! Export formats.
