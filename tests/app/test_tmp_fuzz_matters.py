import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

from tests.app.test_api_matters import _api, _to_bureau_review, _new_matter, _complete_materials
from workflows.review import Role


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_fuzz(app, client, mode):
    people = {r: _api(app, client, r) for r in (Role.submitter, Role.department_head, Role.decision_officer,
                                                Role.bureau_director, Role.bureau_reviewer)}
    mid = _to_bureau_review(people)
    draft = _complete_materials(people[Role.submitter], _new_matter(people[Role.submitter]))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    ops = [r.ok() for r in schema.get_all_operations() if "matters" in r.ok().path or "documents" in r.ok().path]
    checks = [not_a_server_error] + ([status_code_conformance, content_type_conformance,
                                      response_schema_conformance] if mode == GenerationMode.POSITIVE else [])
    seen = {}
    for who in people.values():
        for op in ops:
            for target in (mid, draft["id"]):
                pp = {"matter_id": target} if "{matter_id}" in op.path else None
                if "{document_id}" in op.path:
                    pp = {"document_id": draft["documents"][0]["id"]}

                @settings(max_examples=15, deadline=None, database=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
                @given(case=op.as_strategy(mode, path_parameters=pp))
                def run(case):
                    r = case.call_and_validate(headers=who.headers, checks=checks)
                    assert r.status_code < 500
                    seen.setdefault(op.label, set()).add(r.status_code)
                run()
    print(seen)
