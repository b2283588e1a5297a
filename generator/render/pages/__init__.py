"""One module per page kind; each has `pages(ctx) -> Iterable[Page]`."""
