"""Results as plain dataclasses, and the arithmetic that turns them into scores.

A challenge scores 100 * earned points / total points over the tests the engine collected
(a test the child never reported counts as failed); the kit score is the mean over the
challenges graded.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Status(StrEnum):
    PASSED = "passed"
    PARTIAL = "partial"
    FAILED = "failed"
    NOT_IMPLEMENTED = "not implemented"
    CRASHED = "crashed"
    TIMED_OUT = "timed out"


@dataclass
class TestResult:
    __test__ = False  # not a pytest test class

    name: str
    passed: bool
    points: float
    max_points: float
    message: str = ""
    doc: str = ""
    kind: str = "failed"  # passed | failed | error | not_implemented | timeout | crashed | not_run
    nodeid: str = ""


@dataclass
class ChallengeResult:
    id: str
    title: str
    difficulty: str
    score: float
    status: Status
    tests: list[TestResult] = field(default_factory=list)
    seconds: float = 0.0
    integrity: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def passed_count(self) -> int:
        return sum(t.passed for t in self.tests)

    @property
    def failures(self) -> list[TestResult]:
        return [t for t in self.tests if not t.passed]


@dataclass
class KitResult:
    score: float
    challenges: list[ChallengeResult]
    seed: int
    mode: str
    version: str
    target: str
    seconds: float = 0.0

    def to_dict(self) -> dict:
        data = asdict(self)
        for ch in data["challenges"]:
            ch["status"] = str(ch["status"])
            ch["passed"] = sum(t["passed"] for t in ch["tests"])
            ch["total"] = len(ch["tests"])
        return data


def challenge_score(tests: list[TestResult]) -> float:
    total = sum(t.max_points for t in tests)
    if total <= 0:
        return 0.0
    return round(100.0 * sum(t.points for t in tests) / total, 2)


def challenge_status(tests: list[TestResult], score: float) -> Status:
    """One word for the table; the worst event wins over the score."""
    kinds = {t.kind for t in tests}
    if not tests or "crashed" in kinds:
        return Status.CRASHED
    if "timeout" in kinds:
        return Status.TIMED_OUT
    if score >= 100.0:
        return Status.PASSED
    if score > 0:
        return Status.PARTIAL
    if "not_implemented" in kinds:
        return Status.NOT_IMPLEMENTED
    return Status.FAILED


def kit_score(challenges: list[ChallengeResult]) -> float:
    if not challenges:
        return 0.0
    return round(sum(c.score for c in challenges) / len(challenges), 2)
