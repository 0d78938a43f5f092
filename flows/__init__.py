"""The shell around transforms/: reading, writing, Prefect tasks and flows, and the CLI."""
