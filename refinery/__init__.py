"""refinery: clean web-scraped (Chinese-first) text into deduplicated Parquet datasets.

The shell is `refinery.flows` (Prefect flows, I/O, CLI), the functional core `refinery.transforms`."""
