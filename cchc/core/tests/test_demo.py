"""The demo data loads once, through the services, with one person per role and a plan with tasks."""

from django.core.management import call_command

from cchc.core.models import AuditEvent
from cchc.dossiers.models import Apology, Dossier
from cchc.org.models import Unit, User
from cchc.plans.models import Plan
from cchc.procedures.models import Procedure
from cchc.scorecard.choices import AssessmentStatus
from cchc.scorecard.models import Assessment
from cchc.surveys.models.collection import Campaign, Response


def test_demo_loads_once_with_people_plan_procedures_dossiers_and_audit(db: None) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    units, people = Unit.objects.count(), User.objects.count()
    assert units >= 15
    assert set(User.objects.values_list("username", flat=True)) >= {"giamdoc", "tccb", "vanphong", "quantri", "khach"}
    plan = Plan.objects.get()
    assert plan.tasks.count() == 10
    assert AuditEvent.objects.filter(action="task_create").count() == 10
    assessment = Assessment.objects.get()
    assert assessment.status == AssessmentStatus.OPEN
    assert not assessment.items.filter(lead_unit__isnull=True).exists()
    assert assessment.items.filter(self_score__isnull=False).count() == 6
    assert Procedure.objects.filter(current_version__isnull=False).count() >= 10
    dossiers = Dossier.objects.all()
    assert dossiers.count() >= 20
    assert set(dossiers.values_list("status", flat=True)) >= {"received", "in_process", "returned", "supplement"}
    assert Apology.objects.filter(status="draft").exists(), "the leadership has an apology to approve"
    assert Campaign.objects.filter(status="open").count() >= 2
    assert Response.objects.count() >= 200
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Unit.objects.count(), User.objects.count(), Plan.objects.count()) == (units, people, 1)
