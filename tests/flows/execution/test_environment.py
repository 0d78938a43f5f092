"""The temporary Prefect server's output stays out of the run's, and is shown when it fails."""

import subprocess
import sys

import pytest

from tests.cli import ROOT, cli_env

pytestmark = pytest.mark.system  # starts a real Prefect server

# The server gets Ctrl-C with the rest of the terminal's process group; what it prints then (a
# KeyboardInterrupt traceback while it imports, click's "Aborted!" later) must not follow the
# run's own "refinery: interrupted" line.
INTERRUPTED_SERVER = """
import os, signal, sys, time
from refinery.flows.execution.environment import PrefectAPI
api = PrefectAPI()
time.sleep(2)  # it is starting up
os.kill(api.process.pid, signal.SIGINT)
api.process.wait()
print(api.last_words(), file=sys.stderr)
api.stop()
"""


def test_what_the_server_prints_is_kept_for_the_message_that_says_it_stopped():
    ran = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_SERVER],
        cwd=ROOT,
        env=cli_env(own_server=True),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr
    (only_line,) = ran.stderr.strip().splitlines()  # the server's own output went to its log
    assert only_line.startswith(": ") and len(only_line) > 2
