"""Charts as pure functions, one module per page; `base` holds the shared palette."""
