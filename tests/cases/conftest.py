import pytest

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


@pytest.fixture
def everything(series):
    """One of each artefact and item in `series`."""
    case = CaseFactory(series=series)
    persona = PersonaFactory(series=series)
    path = ServicePathFactory(series=series, case=case)
    event = PathEventFactory(path=path)
    PathEventFactory(path=path)
    point = CriticalPointFactory(path=path, event=event)
    solution = SolutionFactory(critical_point=point, path=path)
    causal_map = CausalMapFactory(series=series)
    link = CausalLinkFactory(causal_map=causal_map)
    factor = link.cause
    network = ActorNetworkFactory(series=series)
    actor = ActorFactory(network=network)
    service = CoordinatedServiceFactory(network=network)
    service.actors.set([actor])
    card = ClientCardFactory(network=network)
    flowchart = FlowchartFactory(series=series)
    step = FlowStepFactory(flowchart=flowchart)
    FlowStepFactory(flowchart=flowchart)
    return {
        "case": case,
        "persona": persona,
        "path": path,
        "map": causal_map,
        "network": network,
        "flowchart": flowchart,
        "items": {
            "event": (path, event),
            "point": (path, point),
            "solution": (path, solution),
            "factor": (causal_map, factor),
            "link": (causal_map, link),
            "actor": (network, actor),
            "service": (network, service),
            "card": (network, card),
            "step": (flowchart, step),
        },
    }
