import datetime as dt

import factory
from django.contrib.auth import get_user_model

from workshops.models import Membership, Organisation, Series, SeriesTask, Step, Workshop


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    password = factory.django.Password("salasana-123")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Hyvinvointialue {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.FACILITATOR


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Kehittämissarja {n}")
    goal = "Sujuvampi yhteistyö"

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if create and extracted:
            self.facilitators.set(extracted)


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    series = factory.SubFactory(SeriesFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Työpaja {n}")
    date = dt.date(2027, 3, 15)
    start_time = dt.time(9, 0)
    duration_minutes = 120


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    workshop = factory.SubFactory(WorkshopFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = "brainstorm"
    title = factory.Sequence(lambda n: f"Vaihe {n}")
    duration_minutes = 20


class SeriesTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeriesTask

    series = factory.SubFactory(SeriesFactory)
    text = "Kartoita yhden asiakkaan polku yhdessä asiakkaan kanssa"
