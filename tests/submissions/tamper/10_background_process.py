"""Attack 10: start a background process that outlives the call (and escapes the session)."""
import subprocess
import sys

subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", "{MARKER}"],
                 start_new_session=True, stdin=subprocess.DEVNULL,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
