"""`srxsim ... | head`: a reader that leaves early is not an error."""
import subprocess
import sys

CHATTY_STATUS = """
import sys
from srxsim import cli
def status(_args):
    for _ in range(100000):
        print("x" * 100)
    return 0
cli.cmd_status = status
sys.exit(cli.main(["status", "--state-dir", "unused"]))
"""


def test_a_closed_pipe_ends_the_command_quietly():
    proc = subprocess.Popen([sys.executable, "-c", CHATTY_STATUS], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    errors = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert b"Traceback" not in errors
