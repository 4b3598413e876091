"""Attack 5: patch pytest's reporting so every test report says passed."""
import _pytest.reports
import _pytest.runner

_original = _pytest.reports.TestReport.from_item_and_call.__func__


def _always_passed(cls, item, call):
    report = _original(cls, item, call)
    report.outcome = "passed"
    report.longrepr = None
    return report


_pytest.reports.TestReport.from_item_and_call = classmethod(_always_passed)
_original_from_call = _pytest.runner.CallInfo.from_call.__func__


def _no_exceptions(cls, func, when, reraise=None):
    info = _original_from_call(cls, func, when, reraise)
    info.excinfo = None
    return info


_pytest.runner.CallInfo.from_call = classmethod(_no_exceptions)


def pytest_runtest_makereport(item, call):
    call.excinfo = None
