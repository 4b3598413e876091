"""Attack 12 (extra): kill the trusted test process that is grading us."""
import os
import signal

try:
    os.kill(os.getppid(), signal.SIGKILL)
except OSError:
    pass
