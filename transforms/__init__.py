"""Pure per-document functions: plain data in, plain data out; no I/O, no Prefect."""
