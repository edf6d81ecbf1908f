"""Every page of the cases app has a bounded number of queries, whatever the number of items."""

import pytest
from django.urls import reverse

from .factories import (
    ActorFactory,
    ActorNetworkFactory,
    CaseFactory,
    CausalLinkFactory,
    CausalMapFactory,
    ClientCardFactory,
    CoordinatedServiceFactory,
    CriticalPointFactory,
    FlowchartFactory,
    FlowStepFactory,
    PathEventFactory,
    PersonaFactory,
    ServicePathFactory,
    SolutionFactory,
)


def _build(series, n):
    case = CaseFactory(series=series)
    persona = PersonaFactory(series=series)
    path = ServicePathFactory(series=series, case=case)
    causal_map = CausalMapFactory(series=series)
    network = ActorNetworkFactory(series=series)
    flowchart = FlowchartFactory(series=series)
    for _ in range(n):
        CaseFactory(series=series)
        ServicePathFactory(series=series, case=case)
        event = PathEventFactory(path=path)
        point = CriticalPointFactory(path=path, event=event)
        SolutionFactory(path=path, critical_point=point)
        CausalLinkFactory(causal_map=causal_map)
        actor = ActorFactory(network=network)
        CoordinatedServiceFactory(network=network).actors.set([actor])
        ClientCardFactory(network=network)
        FlowStepFactory(flowchart=flowchart)
    return {
        "case": case,
        "persona": persona,
        "path": path,
        "map": causal_map,
        "network": network,
        "flowchart": flowchart,
    }


@pytest.mark.parametrize("size", [1, 15])
@pytest.mark.parametrize(
    "kind", ["index", "case", "persona", "path", "map", "network", "flowchart"]
)
def test_pages_have_a_bounded_number_of_queries(
    client, facilitator, series, size, kind, django_assert_max_num_queries
):
    objects = _build(series, size)
    client.force_login(facilitator)
    if kind == "index":
        url = reverse("cases:index", args=[series.code])
    else:
        url = reverse("cases:detail", args=[series.code, kind, objects[kind].public_id])
    # Session, user, series, role, the object, then a fixed number per list on the page (and
    # per choice list of its forms: the path page offers the series' practices to a solution),
    # and the audit log's entry for viewing it.
    with django_assert_max_num_queries(16, info=f"the {kind} page must stay N+1 free"):
        assert client.get(url).status_code == 200
