"""Forced demolition: the ledger's tracks, the gate that says when demolition is lawful, the checks on each
recorded step and on the execution itself, and the alerts for the bureau's board (DESIGN.md §3, issue 9).

Pure rules: the app builds a CaseFacts from its rows and shows what comes back.
- rules.py: the one table of numbers, each with its article (RULES, with_overrides);
- tracks.py: the four tracks, their steps, what each step depends on, who may execute;
- facts.py: CaseFacts, RecordedStep, Challenge, and Message (a template, its params and an article);
- timing.py: the dates a dependency or the party's remedies allow;
- gate.py: evaluate -> GateAnswer; checks.py: check_step, check_execution, executed_unlawfully;
- alerts.py: alerts for the ledger board.
"""
from workflows.demolition.alerts import ALERT_LABELS, Alert, AlertKind, alerts
from workflows.demolition.checks import (Problem, check_execution, check_step, executed_unlawfully,
                                         execution_problems)
from workflows.demolition.facts import (CHALLENGE_LABELS, OUTCOME_LABELS, CaseFacts, Challenge, ChallengeKind,
                                        ChallengeOutcome, Message, RecordedStep)
from workflows.demolition.gate import MISSING_REASON_LABELS, GateAnswer, Missing, MissingReason, evaluate
from workflows.demolition.rules import RULES, Rule, RuleKey, with_overrides
from workflows.demolition.timing import filed_in_time
from workflows.demolition.tracks import STEP_LABELS, TRACK_LABELS, TRACKS, StepKind, Track, TrackSpec

__all__ = ["ALERT_LABELS", "Alert", "AlertKind", "alerts", "Problem", "check_execution", "check_step",
           "executed_unlawfully", "execution_problems", "CHALLENGE_LABELS", "OUTCOME_LABELS", "CaseFacts",
           "Challenge", "ChallengeKind", "ChallengeOutcome", "Message", "RecordedStep",
           "MISSING_REASON_LABELS",
           "GateAnswer", "Missing", "MissingReason", "evaluate", "RULES", "Rule", "RuleKey", "with_overrides",
           "filed_in_time", "STEP_LABELS", "TRACK_LABELS", "TRACKS", "StepKind", "Track", "TrackSpec"]
