import factory

from cases.models import (
    Actor,
    ActorNetwork,
    Case,
    CausalLink,
    CausalMap,
    ClientCard,
    CoordinatedService,
    CriticalPoint,
    Factor,
    Flowchart,
    FlowStep,
    PathEvent,
    Persona,
    ServicePath,
    Solution,
)
from tests.workshops.factories import SeriesFactory


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    series = factory.SubFactory(SeriesFactory)
    title = factory.Sequence(lambda n: f"Asiakastapaus {n}")
    situation = "Keski-ikäinen asiakas, jolla on useita palveluja ja pitkä työttömyys."
    life_areas = ["health", "work"]


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    series = factory.SubFactory(SeriesFactory)
    name = factory.Sequence(lambda n: f"Maija {n}")
    age_group = Persona.AgeGroup.ADULT
    needs = "Yksi tuttu työntekijä"


class ServicePathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePath

    series = factory.SubFactory(SeriesFactory)
    case = factory.SubFactory(CaseFactory, series=factory.SelfAttribute("..series"))
    title = factory.Sequence(lambda n: f"Polku {n}")


class PathEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PathEvent

    path = factory.SubFactory(ServicePathFactory)
    position = factory.Sequence(lambda n: n + 1)
    when = factory.Sequence(lambda n: f"vk {n}")
    actor = "Terveysasema"
    what = factory.Sequence(lambda n: f"Tapahtuma {n}")


class CriticalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriticalPoint

    path = factory.SubFactory(ServicePathFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = "Jonotus"


class SolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Solution

    critical_point = factory.SubFactory(CriticalPointFactory)
    path = factory.SelfAttribute("critical_point.path")
    position = factory.Sequence(lambda n: n + 1)
    text = "Yhteinen vastaanotto"


class CausalMapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CausalMap

    series = factory.SubFactory(SeriesFactory)
    title = factory.Sequence(lambda n: f"Kartta {n}")


class FactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Factor

    causal_map = factory.SubFactory(CausalMapFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Tekijä {n}")


class CausalLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CausalLink

    causal_map = factory.SubFactory(CausalMapFactory)
    cause = factory.SubFactory(FactorFactory, causal_map=factory.SelfAttribute("..causal_map"))
    effect = factory.SubFactory(FactorFactory, causal_map=factory.SelfAttribute("..causal_map"))
    position = factory.Sequence(lambda n: n + 1)


class ActorNetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorNetwork

    series = factory.SubFactory(SeriesFactory)
    title = factory.Sequence(lambda n: f"Verkosto {n}")
    client_segment = "Lapsiperheet"


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    network = factory.SubFactory(ActorNetworkFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Toimija {n}")
    type = Actor.Type.SERVICE


class CoordinatedServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinatedService

    network = factory.SubFactory(ActorNetworkFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Palvelu {n}")


class ClientCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientCard

    network = factory.SubFactory(ActorNetworkFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = ClientCard.Kind.SEGMENT
    title = factory.Sequence(lambda n: f"Kortti {n}")


class FlowchartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Flowchart

    series = factory.SubFactory(SeriesFactory)
    title = factory.Sequence(lambda n: f"Vuokaavio {n}")


class FlowStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FlowStep

    flowchart = factory.SubFactory(FlowchartFactory)
    position = factory.Sequence(lambda n: n + 1)
    actor = "Sosiaaliohjaaja"
    action = "Soittaa asiakkaalle"
    handoff_to = "Terveydenhoitaja"
