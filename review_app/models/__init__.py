"""All models, imported here so Alembic and the app see one metadata."""
from .audit import AuditEvent, AuditHead  # noqa: F401
from .auth import ApiToken, LoginFailure, LoginSession  # noqa: F401
from .experts import (AdviserComment, AdviserOpinion, AdviserOpinionStatus, AdviserRating,  # noqa: F401
                      Assignment, ChangeKind, DrawRecord, EnteredBy, Expert, ExpertChange, ExpertFinding,
                      ExpertKind, ExpertStatus, MatterDrafter, MatterParty, RelatedPartyRow, Specialty,
                      expert_specialties)
from .org import District, DistrictLevel, Organisation, OrgKind, User, UserRole  # noqa: F401
from .matters import (Adoption, ClockExtension, ClockPause, Decision, Document, Matter,  # noqa: F401
                      MaterialExemption, Opinion, OpinionCounter, OpinionPoint, PauseKind)
from .settings import CalendarDay, MaterialKind, Setting  # noqa: F401
from .outbox import Channel, Delivery, DeliveryStatus, Notification  # noqa: F401
# Clause flags (#12)
from .clauses import ClauseFlag, ClauseReading, DraftClause, FlagDecision  # noqa: F401
# Demolition ledger (issue 9): cases, steps, challenges, supervision letters; letter number counters.
from .demolition import (DemolitionCase, DemolitionChallenge, DemolitionDocument, DemolitionParty,  # noqa: F401
                         ProcedureStep, SupervisionLetter, SupervisionReply)
from .numbering import NumberCounter  # noqa: F401
# Public participation in a major decision (Decree 713 Art. 14-19)
from .participation import PublicParticipation  # noqa: F401
# Litigation-risk assessment (issue 10)
from .risk import RiskAssessment, RiskFactorScore  # noqa: F401
# Litigation records (issue 10)
from .disputes import Hearing, Lawsuit, LawsuitNote, TaskForceMember  # noqa: F401
from .reconsideration import DisputeCase, ReconsiderationCase, ReconsiderationLetter  # noqa: F401
from .losses import (AccountabilityReferral, LossReport, RectificationItem, RiskMeeting,  # noqa: F401
                     TypicalCase)
