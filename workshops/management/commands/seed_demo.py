"""Demo organisation, users and one series per built-in method. Running it twice changes nothing."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from workshops import plugins, services
from workshops.models import Membership, Method, Organisation, Series, Workshop

DEMO_PASSWORD = "nopsa-demo"  # noqa: S105 — printed on purpose; demo only, refused without DEBUG
DEMO_ORGANISATION = "Esimerkkilän hyvinvointialue"

USERS = [
    ("koordinaattori", "Kaisa", "Koordinaattori", Membership.Role.COORDINATOR),
    ("fasilitaattori", "Fanni", "Fasilitaattori", Membership.Role.FACILITATOR),
    ("fasilitaattori2", "Mikko", "Nieminen", Membership.Role.FACILITATOR),
]

# (method slug, title, goal, target group, place, weeks from today to the first workshop,
#  workshops already held)
SERIES = [
    (
        "hukkapaja-ratkaisupaja",
        "Sujuvampi yhteistyö Keskustan terveysasemalla",
        "Tunnistetaan moniammatillisen yhteistyön suurimmat hukat ja sovitaan yhdessä uudet "
        "tavat toimia paljon palveluja tarvitsevien asiakkaiden kanssa.",
        "Terveysaseman lääkärit, sairaanhoitajat, sosiaaliohjaajat, fysioterapeutit ja "
        "vastaanoton henkilöstö sekä yksi kehittäjäasiakas Ratkaisupajassa.",
        "Keskustan terveysasema, neuvotteluhuone Kuusi",
        2,
        0,
    ),
    (
        "nopsa",
        "Yhden luukun palveluohjaus lapsiperheille",
        "Rakennetaan perhekeskukseen asiakasrajapinnassa toimiva palveluohjausryhmä, joka "
        "ohjaa perheen yhdellä yhteydenotolla oikeaan apuun.",
        "Perhekeskuksen sosiaaliohjaajat, neuvolan terveydenhoitajat, perheneuvolan ja "
        "lastensuojelun työntekijät sekä järjestöjen perhetyöntekijät.",
        "Perhekeskus Vaahtera, Iso sali",
        3,
        0,
    ),
    (
        "paku",
        "Varhaisen tuen sosiaalinen ohjaus – alueellinen palveluohjauksen malli",
        "Kehitetään asiakaslähtöisen palveluohjauksen laatukriteerit ja varhaisen tuen "
        "sosiaalisen ohjauksen malli osaksi alueellista palveluohjauksen mallia.",
        "Kuntien ja hyvinvointialueen palveluohjaajat, sosiaaliohjaajat, TE-palvelujen ja "
        "järjestöjen työntekijät sekä kokemusasiantuntijat.",
        "Hyvinvointialueen koulutuskeskus, luokka 2",
        -4,
        2,
    ),
    (
        "palveluintegraatio",
        "Paljon palveluja tarvitsevien ikäihmisten palvelukokonaisuus",
        "Selkiytetään ikäihmisiä yhdessä palvelevien toimijoiden roolit, vastuut ja "
        "velvollisuudet sekä suunnitellaan asiakasryhmän yhteinen palvelupolku.",
        "Kotihoito, kotisairaala, terveysaseman ikäneuvola, sosiaalityö, seurakunnan "
        "diakoniatyö ja eläkeläisjärjestöjen vapaaehtoiset.",
        "Palvelukeskus Kotiranta",
        5,
        0,
    ),
]


class Command(BaseCommand):
    help = "Create the demo organisation, users (password nopsa-demo) and four demo series."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )
        parser.add_argument(
            "--if-absent",
            action="store_true",
            help="Do nothing (quietly) when the demo organisation already exists.",
        )

    def handle(self, *args, force: bool, if_absent: bool, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users with a known password. It runs only with DEBUG on; "
                "use --force if you really mean it."
            )
        exists = Organisation.objects.filter(name=DEMO_ORGANISATION).exists()
        if not (if_absent and exists):
            with transaction.atomic():
                self._seed()
        self._print_summary()

    def _seed(self) -> None:
        organisation, _ = Organisation.objects.get_or_create(name=DEMO_ORGANISATION)
        User = get_user_model()
        users = {}
        for username, first, last, role in USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            Membership.objects.get_or_create(
                organisation=organisation, user=user, defaults={"role": role}
            )
            users[username] = user

        today = timezone.localdate()
        for slug, title, goal, target, place, weeks, held in SERIES:
            if Series.objects.filter(organisation=organisation, title=title).exists():
                continue
            method = Method.objects.get(slug=slug)
            first = today + dt.timedelta(weeks=weeks)
            # Workshops fall on weekdays: move a weekend date to the next Tuesday.
            while first.weekday() >= 5 or first.weekday() == 0:
                first += dt.timedelta(days=1)
            series = services.series_create(
                organisation=organisation,
                method=method,
                title=title,
                goal=goal,
                target_group=target,
                language=Series.Language.FI,
                facilitators=[users["fasilitaattori"], users["fasilitaattori2"]],
                created_by=users["fasilitaattori"],
                first_date=first,
                start_time=dt.time(9, 0),
                place=place,
            )
            if held:
                Workshop.objects.filter(series=series, position__lte=held).update(
                    state=Workshop.State.HELD
                )
        # Apps that plug in add their own demo content (feedback answers, indicators, ...).
        for seeder in plugins.demo_seeders():
            seeder(organisation=organisation)

    def _print_summary(self) -> None:
        organisation = Organisation.objects.filter(name=DEMO_ORGANISATION).first()
        self.stdout.write(f"Demo organisation: {DEMO_ORGANISATION}")
        self.stdout.write(
            f"Log in as 'fasilitaattori' (facilitator) or 'koordinaattori' (coordinator), "
            f"password '{DEMO_PASSWORD}'."
        )
        for series in Series.objects.filter(organisation=organisation).order_by("created_at"):
            self.stdout.write(f"  {series.code}  {series.title}")
