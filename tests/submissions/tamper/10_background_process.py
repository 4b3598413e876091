"""Attack 10: start a background process that outlives the call (and escapes the session)."""
import subprocess
import sys

subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", "{MARKER}"],
                 start_new_session=True, stdin=subprocess.DEVNULL,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def mean_of(x):
    raise NotImplementedError


def auc(y, s):
    raise NotImplementedError


def double_frame(df):
    raise NotImplementedError


def label(n):
    raise NotImplementedError

