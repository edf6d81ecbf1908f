"""Demo content of the cases app for `seed_demo`, in the complete demo series
(`workshops.reports.demo`): three anonymised cases, six personas with their client value and
service paths (events, critical points, solutions linked to the prioritised challenges and
practices), three causal maps, the actor network and the collaboration flowchart.

Everything goes through the app's services, so the identifier guard checks every text as it
would a facilitator's. Invented, anonymous content. Running it again changes nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from workshops.models import Practice, PrioritisedChallenge
from workshops.reports.demo import full_series

from . import services
from .models import (
    ActorNetwork,
    Case,
    CausalMap,
    ClientCard,
    Flowchart,
    PathEvent,
    Persona,
    ServicePath,
)

CASES = [
    {
        "title": "Opinnot keskeytyneet, yhteys palveluihin katkennut",
        "situation": "Parikymppinen nuori keskeytti ammatilliset opinnot syksyllä. Hän nukkuu "
        "päivät ja valvoo yöt, käyttää kannabista rauhoittuakseen ja on jäänyt pois "
        "kavereiden luota. Vuokrarästejä on kertynyt kahdelta kuukaudelta.",
        "life_areas": ["mental_health", "substance_use", "education", "housing"],
        "services_involved": "Opiskeluhuolto (kunnes opinnot keskeytyivät), nuorten "
        "vastaanotto, aikuissosiaalityö, Ohjaamo.",
        "tried": "Lähete mielenterveyspalveluihin palautui, koska päihteiden käyttö piti ensin "
        "saada hallintaan. Aikuissosiaalityö myönsi toimeentulotukea, mutta yhteydenotot "
        "jäivät puhelun varaan.",
        "client_goal": "Haluan takaisin kouluun ja oman rytmin. En halua kertoa samoja asioita "
        "viidelle eri ihmiselle.",
        "practices": ["Opintojen keskeytyksen ilmoitus", "Nuoren oma yhteyshenkilö"],
    },
    {
        "title": "Jälkihuolto päättyy, ja nuori jää yksin",
        "situation": "Täysi-ikäisyyttä lähestyvä nuori on asunut sijaishuollossa. Jälkihuolto "
        "päättyy pian, eikä hänellä ole tietoa siitä, kuka auttaa sen jälkeen. Mieliala "
        "on ollut pitkään matala, ja alkoholin käyttö on lisääntynyt viikonloppuisin.",
        "life_areas": ["mental_health", "substance_use", "family", "everyday"],
        "services_involved": "Lastensuojelun jälkihuolto, nuorten vastaanotto, etsivä "
        "nuorisotyö, seurakunnan nuorisotyö.",
        "tried": "Jälkihuollon työntekijä on hoitanut käytännön asioita. Nuorten vastaanotolle "
        "on varattu aika kahdesti, mutta nuori ei ole saapunut.",
        "client_goal": "Haluan asua omillani ja pärjätä. Toivon, että joku soittaa ennen kuin "
        "kaikki kaatuu.",
        "practices": ["Jälkihuollon siirtopalaveri", "Saattaen vaihtaminen"],
    },
    {
        "title": "Monta työntekijää, ei yhtään vastuuhenkilöä",
        "situation": "Nuori aikuinen on työtön työnhakija. Hänellä on ahdistusta ja "
        "uniongelmia, ja hän käyttää rauhoittavia lääkkeitä ilman reseptiä. Hänellä on "
        "työntekijä TE-palveluissa, aikuissosiaalityössä, mielenterveyspalveluissa ja "
        "järjestön päiväkeskuksessa.",
        "life_areas": ["mental_health", "substance_use", "work", "income"],
        "services_involved": "TE-palvelut, aikuissosiaalityö, mielenterveys- ja "
        "päihdepalvelut, päihdejärjestön päiväkeskus.",
        "tried": "Jokainen taho on tehnyt oman suunnitelmansa. Suunnitelmat ovat osin "
        "ristiriidassa keskenään, eikä kukaan tiedä, mitä muut ovat sopineet.",
        "client_goal": "Yksi suunnitelma ja yksi ihminen, jolta kysyä.",
        "practices": ["Nuoren oma suunnitelma", "Verkostotapaaminen kuukauden sisällä"],
    },
]

PERSONAS = [
    {
        "name": "Eetu",
        "age_group": "young_adult",
        "life_situation": "19-vuotias, opinnot keskeytyneet, asuu yksin vuokrayksiössä. "
        "Pelaa öisin ja käyttää kannabista rauhoittuakseen.",
        "needs": "Päivärytmi, raha-asioiden järjestäminen, apu mielialaan ja päihteisiin "
        "samasta paikasta.",
        "goals": "Takaisin opiskelemaan ensi syksynä.",
        "value_functional": "Saa yhdellä yhteydenotolla ajan, jossa hoidetaan sekä mieliala "
        "että päihteet.",
        "value_social": "Pääsee vertaisryhmään ja takaisin kavereiden pariin.",
        "value_emotional": "Tuntee, ettei häntä tuomita eikä käännytetä.",
    },
    {
        "name": "Sara",
        "age_group": "young_adult",
        "life_situation": "18-vuotias, jälkihuollossa, muuttanut juuri omaan asuntoon. "
        "Mieliala vaihtelee, viikonloppuisin juominen lisääntyy.",
        "needs": "Tuttu aikuinen jälkihuollon jälkeenkin, tukea asumiseen ja arkeen.",
        "goals": "Pärjätä omillaan ja saada työpaikka.",
        "value_functional": "Tietää, kuka auttaa jälkihuollon päätyttyä.",
        "value_social": "Luotettava aikuinen ja vertaisia, joilla on samanlainen tausta.",
        "value_emotional": "Turvallisuuden tunne siitä, ettei jää yksin.",
    },
    {
        "name": "Mikael",
        "age_group": "young_adult",
        "life_situation": "27-vuotias työtön, ahdistusta ja uniongelmia. Useita "
        "työntekijöitä eri palveluissa.",
        "needs": "Yksi suunnitelma, yksi yhteyshenkilö, apu lääkkeiden väärinkäyttöön.",
        "goals": "Työkokeiluun ja omaan rytmiin.",
        "value_functional": "Yksi yhteinen suunnitelma kaikkien työntekijöiden kesken.",
        "value_social": "Verkostotapaamisessa kaikki samassa pöydässä.",
        "value_emotional": "Helpotus siitä, ettei tarvitse itse koordinoida palveluja.",
    },
    {
        "name": "Aada",
        "age_group": "youth",
        "life_situation": "17-vuotias lukiolainen, syömishäiriön oireita ja ahdistusta. "
        "Ei halua vanhempien tietävän kaikkea.",
        "needs": "Apu nopeasti, luottamuksellisuus, asiointi viestillä.",
        "goals": "Saada lukio suoritettua.",
        "value_functional": "Chat-yhteys palveluohjaajaan iltaisin.",
        "value_social": "Vanhemmat mukaan vasta, kun hän itse on valmis.",
        "value_emotional": "Tulee kuulluksi ilman, että asiat etenevät hänen ohitseen.",
    },
    {
        "name": "Joonas",
        "age_group": "young_adult",
        "life_situation": "23-vuotias, asunnoton ja sohvasurffaa kavereiden luona. "
        "Amfetamiinin käyttöä, epäluottamus viranomaisiin.",
        "needs": "Asunto, päihdehoito, joku, joka tulee sinne missä hän on.",
        "goals": "Oma asunto ja yhteys lapsuudenperheeseen.",
        "value_functional": "Etsivä työntekijä saattaa hänet palveluun.",
        "value_social": "Vertaisohjaaja, jolla on oma kokemus päihteistä.",
        "value_emotional": "Kokemus siitä, että häneen luotetaan.",
    },
    {
        "name": "Nella",
        "age_group": "young_adult",
        "life_situation": "21-vuotias yksinhuoltaja, masennus ja raha-asioiden "
        "kasautuminen. Ei ehdi virka-aikaan palveluihin.",
        "needs": "Ilta-ajat, lastenhoito tapaamisten ajaksi, apu talouteen.",
        "goals": "Jaksaa arjessa ja aloittaa opinnot myöhemmin.",
        "value_functional": "Palvelu joustaa hänen aikatauluihinsa.",
        "value_social": "Tukea myös hänen läheisilleen.",
        "value_emotional": "Häpeän tunne helpottaa, kun apua saa pyytämättä monta kertaa.",
    },
]

# Per persona: events (when, what, actor, channel, experience), critical points
# (event number, title, notes) and solutions (critical point number, text, challenge index,
# practice name).
PATHS = [
    (
        [
            ("Syyskuu", "Kertoo kuraattorille, ettei jaksa kouluun", "Opiskeluhuolto", "in_person", "meaningful"),
            ("Lokakuu", "Opinnot keskeytyvät, yhteys kuraattoriin katkeaa", "Oppilaitos", "letter", "difficult"),
            ("Marraskuu", "Lähete mielenterveyspalveluihin palautuu päihteiden vuoksi", "Mielenterveyspalvelut", "letter", "difficult"),
            ("Joulukuu", "Hakee toimeentulotukea", "Aikuissosiaalityö", "digital", "neutral"),
            ("Tammikuu", "Ohjaamon työntekijä tapaa ja kuuntelee", "Ohjaamo", "in_person", "meaningful"),
            ("Helmikuu", "Yhteinen avovastaanotto: mieliala ja päihteet samalla käynnillä", "Mielenterveys- ja päihdepalvelut", "in_person", "meaningful"),
        ],
        [
            (2, "Opintojen keskeytys katkaisee tuen", "Kukaan ei jatka, kun opiskeluhuolto päättyy."),
            (3, "Käännytys päihteiden vuoksi", "Nuori tulkitsee palautuneen lähetteen torjunnaksi."),
        ],
        [
            (1, "Opiskeluhuolto ohjaa nuoren Ohjaamoon ennen keskeytystä", 2, "Opintojen keskeytyksen ilmoitus"),
            (2, "Yhteinen avovastaanotto ilman lähetettä", 1, "Yhteinen avovastaanotto"),
        ],
    ),
    (
        [
            ("Kevät", "Jälkihuollon työntekijä kertoo palvelun päättymisestä", "Jälkihuolto", "in_person", "neutral"),
            ("Kesä", "Muuttaa omaan asuntoon", "Jälkihuolto", "home_visit", "meaningful"),
            ("Elokuu", "Jälkihuolto päättyy ilman siirtoa aikuispalveluihin", "Lastensuojelu", "letter", "difficult"),
            ("Syyskuu", "Ei saavu nuorten vastaanoton ajalle", "Nuorten vastaanotto", "phone", "difficult"),
            ("Lokakuu", "Etsivä nuorisotyöntekijä ottaa yhteyttä viestillä", "Etsivä nuorisotyö", "digital", "meaningful"),
        ],
        [
            (3, "Jälkihuolto päättyy ilman jatkoa", "Aikuissosiaalityö ei tiedä nuoresta."),
            (4, "Aika menee hukkaan", "Nuori ei vastaa tuntemattomaan numeroon."),
        ],
        [
            (1, "Siirtopalaveri kolme kuukautta ennen jälkihuollon päättymistä", 2, "Jälkihuollon siirtopalaveri"),
            (2, "Ajanvaraus ja muistutus viestillä tutulta työntekijältä", 1, "Palveluohjauksen chat-tunnit"),
        ],
    ),
    (
        [
            ("Tammikuu", "Työttömäksi, ilmoittautuu työnhakijaksi", "TE-palvelut", "digital", "neutral"),
            ("Helmikuu", "Aikuissosiaalityö tekee oman suunnitelman", "Aikuissosiaalityö", "in_person", "neutral"),
            ("Maaliskuu", "Mielenterveyspalvelut tekee toisen suunnitelman", "Mielenterveyspalvelut", "in_person", "difficult"),
            ("Huhtikuu", "Päiväkeskuksen ohjaaja kuuntelee ja rohkaisee", "Päihdejärjestö", "in_person", "meaningful"),
            ("Toukokuu", "Ristiriitaiset ohjeet kolmelta taholta", "Useita", "phone", "difficult"),
            ("Kesäkuu", "Ensimmäinen verkostotapaaminen", "Yhteyshenkilö", "in_person", "meaningful"),
        ],
        [
            (3, "Rinnakkaiset suunnitelmat", "Kukaan ei tiedä kokonaisuutta."),
            (5, "Ristiriitaiset ohjeet", "Nuori lakkaa vastaamasta yhteydenottoihin."),
        ],
        [
            (1, "Yksi yhteinen suunnitelma, jonka nuori omistaa", 0, "Nuoren oma suunnitelma"),
            (2, "Yhteyshenkilö kutsuu verkoston koolle kuukauden sisällä", 0, "Verkostotapaaminen kuukauden sisällä"),
        ],
    ),
    (
        [
            ("Syksy", "Kertoo terveydenhoitajalle syömisestä", "Opiskeluhuolto", "in_person", "meaningful"),
            ("Lokakuu", "Jonottaa nuorten vastaanotolle kuusi viikkoa", "Nuorten vastaanotto", "digital", "difficult"),
            ("Marraskuu", "Kirjoittaa illalla chattiin", "Digitaalinen palveluohjaus", "digital", "meaningful"),
            ("Joulukuu", "Ensimmäinen tapaaminen, vanhemmat mukana vastoin toivetta", "Nuorten vastaanotto", "in_person", "difficult"),
        ],
        [
            (2, "Pitkä jono", "Oireet pahenevat odottaessa."),
            (4, "Luottamus horjuu", "Nuori ei koe tulleensa kuulluksi."),
        ],
        [
            (1, "Chat-tunnit iltaisin tukevat jonon aikana", 1, "Palveluohjauksen chat-tunnit"),
            (2, "Nuori päättää itse, ketkä läheiset otetaan mukaan", 0, "Suostumus tiedon kulkuun ensitapaamisessa"),
        ],
    ),
    (
        [
            ("Talvi", "Etsivä nuorisotyöntekijä tapaa kadulla", "Etsivä nuorisotyö", "in_person", "meaningful"),
            ("Helmikuu", "Asunnottomuus, ei osoitetta postille", "Aikuissosiaalityö", "letter", "difficult"),
            ("Maaliskuu", "Suora linja päihdepalvelujen päivystävään työntekijään", "Etsivä nuorisotyö", "phone", "meaningful"),
            ("Huhtikuu", "Vertaisohjaaja mukana ensimmäisessä tapaamisessa", "Päihdejärjestö", "in_person", "meaningful"),
            ("Toukokuu", "Tukiasunto järjestyy", "Asumispalvelut", "in_person", "meaningful"),
        ],
        [
            (2, "Posti ei tavoita", "Päätökset ja kutsut eivät tavoita asunnotonta."),
        ],
        [
            (1, "Yhteyshenkilö kertoo päätökset ja ajat viestillä", 0, "Nuoren oma yhteyshenkilö"),
        ],
    ),
    (
        [
            ("Kevät", "Neuvolan terveydenhoitaja huomaa väsymyksen", "Neuvola", "in_person", "meaningful"),
            ("Toukokuu", "Ei pääse virka-aikaan vastaanotolle lapsen vuoksi", "Mielenterveyspalvelut", "phone", "difficult"),
            ("Kesäkuu", "Laskuja kasautuu, ulosottoon", "Aikuissosiaalityö", "letter", "difficult"),
            ("Elokuu", "Ilta-aika avovastaanotolla, lapsi leikkii odotustilassa", "Mielenterveys- ja päihdepalvelut", "in_person", "meaningful"),
            ("Syyskuu", "Läheisten infoilta äidille", "Päihdejärjestö", "in_person", "meaningful"),
        ],
        [
            (2, "Aukioloajat eivät sovi", "Yksinhuoltaja ei pääse virka-aikaan."),
            (3, "Talous kriisiytyy", "Raha-asiat hoidetaan vasta ulosotossa."),
        ],
        [
            (1, "Ilta-ajat avovastaanotolle", 1, "Yhteinen avovastaanotto"),
            (2, "Arjen taitojen ryhmä ja talousneuvonta samasta ovesta", 0, "Arjen taitojen ryhmä"),
        ],
    ),
]  # fmt: skip

MAPS = [
    (
        "Miksi nuori putoaa palvelujen väliin",
        "Syyt ja seuraukset, jotka toistuivat kaikkien kuuden persoonan poluilla.",
        ["Palvelut eri jonoissa", "Lähete palautuu", "Nuori kokee tulleensa torjutuksi",
         "Nuori ei hae apua uudelleen", "Oireet pahenevat", "Kriisikäynnit päivystyksessä"],
        [(0, 1, "reinforcing"), (1, 2, "reinforcing"), (2, 3, "reinforcing"),
         (3, 4, "reinforcing"), (4, 5, "reinforcing"), (5, 0, "reinforcing")],
    ),
    (
        "Monta työntekijää, ei kokonaisvastuuta",
        "Mihin palveluohjauksella voidaan vaikuttaa, kun nuorella on monta työntekijää.",
        ["Rinnakkaiset suunnitelmat", "Ristiriitaiset ohjeet", "Nuoren kuormitus",
         "Poisjäännit tapaamisista", "Yhteyshenkilö", "Verkostotapaaminen"],
        [(0, 1, "reinforcing"), (1, 2, "reinforcing"), (2, 3, "reinforcing"),
         (3, 0, "reinforcing"), (4, 5, "reinforcing"), (5, 0, "weakening"),
         (4, 2, "weakening")],
    ),
    (
        "Siirtymät ja nivelvaiheet",
        "Täysi-ikäisyys, opintojen keskeytyminen ja muutto katkaisevat tuen.",
        ["Jälkihuolto päättyy", "Opinnot keskeytyvät", "Tuki katkeaa", "Yksinäisyys",
         "Päihteiden käyttö lisääntyy", "Siirtopalaveri", "Saattaen vaihtaminen"],
        [(0, 2, "reinforcing"), (1, 2, "reinforcing"), (2, 3, "reinforcing"),
         (3, 4, "reinforcing"), (4, 1, "reinforcing"), (5, 2, "weakening"),
         (6, 2, "weakening")],
    ),
]  # fmt: skip

NETWORK_TITLE = "Nuorten aikuisten palveluohjauksen toimijaverkosto"
ACTORS = [
    ("Mielenterveys- ja päihdepalvelut", "service", "Hoito ja avovastaanotto", "Arvio ja hoito samalla käynnillä", "Ketään ei käännytetä päihteiden vuoksi"),
    ("Aikuissosiaalityö", "service", "Sosiaalinen tuki ja toimeentulo", "Palvelutarpeen arvio, jälkihuollon jatko", "Yhteyshenkilö nimetään viikon sisällä"),
    ("Nuorten vastaanotto", "service", "Terveyden- ja sairaanhoito", "Ensiarvio ja lähetteet", "Ajanvaraus myös viestillä"),
    ("Ohjaamo", "service", "Matalan kynnyksen ohjaus", "Ohjaus opintoihin ja työhön, arjen taidot", "Avoimet ovet ilman ajanvarausta"),
    ("Opiskeluhuolto", "service", "Opiskelijan hyvinvointi", "Ohjaus ennen opintojen keskeytystä", "Ilmoitus Ohjaamoon nuoren luvalla"),
    ("Etsivä nuorisotyö", "organisation", "Nuoren tavoittaminen", "Saattaminen palveluun", "Suora linja päivystävään työntekijään"),
    ("TE-palvelut", "organisation", "Työllistymisen tuki", "Työkokeilut ja koulutukset", "Osallistuu verkostotapaamisiin"),
    ("Päihdejärjestö", "ngo", "Vertaistuki ja päiväkeskus", "Vertaisohjaajat ja läheisten illat", "Vertaisohjaaja ensitapaamisessa"),
    ("Seurakunnan nuorisotyö", "parish", "Iltojen kohtaamispaikka", "Ohjaus palveluihin", "Tuntee palveluluettelon"),
    ("Läheiset", "own_network", "Arjen tuki", "Tukevat nuoren valitsemalla tavalla", ""),
]  # fmt: skip
SERVICES = [
    ("Yhteinen avovastaanotto", "Mielenterveys- ja päihdepalvelujen työpari ilman lähetettä.", [0, 3]),
    ("Nuoren oma yhteyshenkilö", "Nimetään ensitapaamisessa; kutsuu verkoston koolle.", [1, 3, 0]),
    ("Saattaen vaihtaminen", "Siirtymät palvelusta toiseen yhteisellä tapaamisella.", [4, 5, 1]),
]  # fmt: skip
CARDS = [
    ("segment", "Nuoret aikuiset, joilla on monta työntekijää", "Kolme tai useampi palvelu yhtä aikaa."),
    ("segment", "Jälkihuollosta aikuispalveluihin siirtyvät", "Täysi-ikäisyys tai 25 vuoden raja lähestyy."),
    ("client", "Eetu", "Opinnot keskeytyneet, mieliala ja päihteet."),
    ("client", "Sara", "Jälkihuolto päättyy."),
]  # fmt: skip

FLOWCHART_TITLE = "Nuoren ohjautuminen yhteyshenkilölle"
FLOW = [
    ("Nuori tai läheinen", "Ottaa yhteyttä mihin tahansa verkoston palveluun, myös chatissa", "Ensimmäinen työntekijä"),
    ("Ensimmäinen työntekijä", "Kysyy nuoren tavoitteen ja suostumuksen tiedon kulkuun", "Palveluohjauksen koordinaattori"),
    ("Palveluohjauksen koordinaattori", "Nimeää yhteyshenkilön viikon sisällä", "Yhteyshenkilö"),
    ("Yhteyshenkilö", "Tekee nuoren kanssa oman suunnitelman", "Nuori"),
    ("Yhteyshenkilö", "Kutsuu verkoston koolle kuukauden sisällä", "Verkosto"),
    ("Verkosto", "Sopii, kuka tekee mitä, ja kirjaa sen nuoren suunnitelmaan", "Yhteyshenkilö"),
    ("Yhteyshenkilö", "Saattaa nuoren uuteen palveluun ja soittaa kahden viikon päästä", ""),
]  # fmt: skip


def seed(*, organisation) -> None:
    series = full_series(organisation)
    if series is None or Case.objects.filter(series=series).exists():
        return
    user = get_user_model().objects.filter(username="fasilitaattori").first()
    practices = {p.name: p for p in Practice.objects.filter(series=series)}
    challenges = list(PrioritisedChallenge.objects.filter(series=series).order_by("rank"))

    for fields in CASES:
        fields = dict(fields)
        names = fields.pop("practices")
        services.case_save(
            case=None,
            series=series,
            user=user,
            confirmed=True,
            practices=[practices[n] for n in names if n in practices],
            **fields,
        )

    for persona_fields, (events, points, solutions) in zip(PERSONAS, PATHS, strict=True):
        persona = services.artefact_save(
            instance=None, model=Persona, series=series, user=user, **persona_fields
        )
        path = services.artefact_save(
            instance=None,
            model=ServicePath,
            series=series,
            user=user,
            title=f"Palvelupolku: {persona.name}",
            persona=persona,
        )
        made_events: list[PathEvent] = []
        for when, what, actor, channel, experience in events:
            made_events.append(
                services.item_add(
                    item_kind="event",
                    parent=path,
                    when=when,
                    what=what,
                    actor=actor,
                    channel=channel,
                    experience=experience,
                )
            )
        made_points = [
            services.item_add(
                item_kind="point",
                parent=path,
                event=made_events[number - 1],
                title=title,
                notes=notes,
            )
            for number, title, notes in points
        ]
        for number, text, challenge, practice in solutions:
            linked = challenges[challenge] if challenge < len(challenges) else None
            services.item_add(
                item_kind="solution",
                parent=path,
                critical_point=made_points[number - 1],
                text=text,
                challenge=linked.text if linked else "",
                prioritised_challenge=linked,
                practice=practices.get(practice),
            )

    for title, description, factors, links in MAPS:
        causal_map = services.artefact_save(
            instance=None,
            model=CausalMap,
            series=series,
            user=user,
            title=title,
            description=description,
        )
        made = [
            services.item_add(item_kind="factor", parent=causal_map, name=name) for name in factors
        ]
        for cause, effect, sign in links:
            services.item_add(
                item_kind="link",
                parent=causal_map,
                cause=made[cause],
                effect=made[effect],
                sign=sign,
            )

    network = services.artefact_save(
        instance=None,
        model=ActorNetwork,
        series=series,
        user=user,
        title=NETWORK_TITLE,
        client_segment="16–29-vuotiaat, joilla on mielenterveyden ja päihteiden käytön "
        "haasteita ja monta työntekijää",
    )
    actors = [
        services.item_add(
            item_kind="actor",
            parent=network,
            name=name,
            type=type_,
            role=role,
            responsibilities=responsibilities,
            obligations=obligations,
        )
        for name, type_, role, responsibilities, obligations in ACTORS
    ]
    for name, description, indexes in SERVICES:
        services.item_add(
            item_kind="service",
            parent=network,
            name=name,
            description=description,
            actors=[actors[i] for i in indexes],
        )
    for kind, title, description in CARDS:
        services.item_add(
            item_kind="card",
            parent=network,
            kind=ClientCard.Kind(kind),
            title=title,
            description=description,
        )

    flowchart = services.artefact_save(
        instance=None,
        model=Flowchart,
        series=series,
        user=user,
        title=FLOWCHART_TITLE,
        description="Sovittu tapa, jolla nuori ohjautuu yhteyshenkilölle ja verkosto "
        "kootaan. Tehty työpajassa 8 ja tarkennettu pilotin jälkeen.",
    )
    for actor, action, handoff in FLOW:
        services.item_add(
            item_kind="step", parent=flowchart, actor=actor, action=action, handoff_to=handoff
        )
