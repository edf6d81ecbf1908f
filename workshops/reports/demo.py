"""The complete demo series for `seed_demo`: a PAKU series of ten workshops, all held, so that
the final report can be seen whole and its render measured (`bench/report.py`).

The workshops are run through the same services a live workshop uses: people join with the
code, post notes, the facilitator groups them into themes, participants spend their dots and
the top themes are confirmed as the series' prioritised challenges. Then come the practices
with their status history, the near-term vision, the leadership agreements, the actions and
two texts of the practice-model core that the coordinator wrote over the drafts. The cases app
adds the cases, personas, paths and maps (`cases/demo.py`); the feedback app the answers of 88
respondents and the indicators (`workshops/feedback/demo.py`). Both find the series by
`full_series`.

The content is invented and anonymous: nicknames only, no real people, places or contacts.
Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.utils import timezone

from .. import services
from ..live import converge
from ..live import services as live
from ..live.converge_board import vote_results
from ..models import Method, Participant, Series, SeriesTask, Step, Workshop
from ..practices import services as practice_services
from . import practice_model

FULL_TITLE = "Nuorten mielenterveys- ja päihdepalvelujen palveluohjaus"
GOAL = (
    "Rakennetaan 16–29-vuotiaille nuorille aikuisille alueellinen palveluohjauksen malli, "
    "jossa mielenterveys- ja päihdepalvelut, aikuissosiaalityö, Ohjaamo, oppilaitokset ja "
    "järjestöt ohjaavat nuoren yhdellä yhteydenotolla oikeaan apuun eikä kukaan putoa "
    "palvelujen väliin."
)
TARGET = (
    "16–29-vuotiaat nuoret aikuiset, joilla on yhtä aikaa mielenterveyden, päihteiden "
    "käytön ja arjen hallinnan haasteita ja usein monta työntekijää eri palveluissa. "
    "Kehittäjinä hyvinvointialueen mielenterveys- ja päihdepalvelujen, aikuissosiaalityön ja "
    "nuorten vastaanoton työntekijät, Ohjaamon ja opiskeluhuollon ammattilaiset, etsivä "
    "nuorisotyö, TE-palvelut, järjestöt sekä nuoret kokemusasiantuntijat."
)
PLACE = "Hyvinvointialueen koulutuskeskus, auditorio"
WEEKS_AGO = 26  # the first workshop; ten workshops two weeks apart end about two months ago

# The regional kick-off: (organisation, how many). "" is a client representative, who takes
# part as themselves. Three organisations have fewer than three people: the report merges them.
KICK_OFF = [
    ("Mielenterveys- ja päihdepalvelut", 18),
    ("Aikuissosiaalityö", 14),
    ("Nuorten vastaanotto", 10),
    ("Ohjaamo", 9),
    ("Opiskeluhuolto", 9),
    ("Etsivä nuorisotyö", 7),
    ("TE-palvelut", 6),
    ("Päihdejärjestö", 5),
    ("Seurakunnan nuorisotyö", 2),
    ("Kelan palveluneuvonta", 2),
    ("Liikuntapalvelut", 1),
    ("", 9),
]
# The developer group that meets in workshops 2–10: (organisation, how many).
DEVELOPERS = [
    ("Mielenterveys- ja päihdepalvelut", 3),
    ("Aikuissosiaalityö", 3),
    ("Nuorten vastaanotto", 2),
    ("Ohjaamo", 2),
    ("Opiskeluhuolto", 1),
    ("Etsivä nuorisotyö", 1),
    ("TE-palvelut", 1),
    ("Päihdejärjestö", 1),
    ("", 3),
]
NICKNAMES = [
    "Aino", "Eero", "Helmi", "Joni", "Kaisu", "Lauri", "Minna", "Niko", "Oona", "Pekka",
    "Riikka", "Sami", "Tiina", "Vesa", "Anu", "Elina", "Hanna", "Ilkka", "Jaana", "Kalle",
    "Leena", "Mervi", "Olli", "Pia", "Reijo", "Satu", "Teemu", "Ulla", "Veera", "Antti",
]  # fmt: skip

# Workshop 1, learning café: (category, note). Themes below refer to the notes by index.
CAFE = [
    ("Paikalliset toimijat ja verkostot", "Ohjaamo tavoittaa nuoria, joita muut palvelut eivät tavoita."),
    ("Paikalliset toimijat ja verkostot", "Etsivä nuorisotyö tuntee nuoret, mutta ei aina tiedä, kenelle soittaa terveyspuolella."),
    ("Paikalliset toimijat ja verkostot", "Opiskeluhuollon kuraattori on usein ensimmäinen aikuinen, jolle nuori kertoo."),
    ("Paikalliset toimijat ja verkostot", "Järjestöjen vertaisryhmät ovat matalan kynnyksen paikkoja, mutta niistä ei tiedetä."),
    ("Paikalliset toimijat ja verkostot", "Seurakunnan nuorisotyö tapaa nuoria iltaisin, kun muut palvelut ovat kiinni."),
    ("Paikalliset toimijat ja verkostot", "Verkostot ovat henkilöiden varassa: kun työntekijä vaihtuu, yhteys katkeaa."),
    ("Asiakkaiden tarpeet", "Nuori tarvitsee yhden aikuisen, joka kulkee rinnalla."),
    ("Asiakkaiden tarpeet", "Apua pitää saada silloin, kun nuori on siihen valmis, eikä kolmen viikon päästä."),
    ("Asiakkaiden tarpeet", "Moni tarvitsee apua yhtä aikaa mielialaan, päihteisiin ja toimeentuloon."),
    ("Asiakkaiden tarpeet", "Nuoret toivovat asiointia chatissa tai viestillä puhelun sijaan."),
    ("Asiakkaiden tarpeet", "Nuori ei jaksa kertoa tarinaansa uudelleen jokaiselle työntekijälle."),
    ("Asiakkaiden tarpeet", "Arjen taidot, kuten laskujen maksaminen ja unirytmi, ovat monelle iso asia."),
    ("Asiakkaiden tarpeet", "Vertaisen tuki auttaa, kun ammattilaiseen ei vielä luota."),
    ("Asiakkaiden tarpeet", "Läheiset tarvitsevat tietoa siitä, miten he voivat tukea."),
    ("Mikä toimii jo nyt", "Ohjaamon avoimet ovet: nuori voi tulla ilman ajanvarausta."),
    ("Mikä toimii jo nyt", "Mielenterveys- ja päihdepalvelujen avovastaanotto kahtena päivänä viikossa."),
    ("Mikä toimii jo nyt", "Yhteiset asiakastapaamiset sosiaalityön ja nuorten vastaanoton kesken."),
    ("Mikä toimii jo nyt", "Kokemusasiantuntijat mukana oppilaitosten teemapäivissä."),
    ("Mikä toimii jo nyt", "Etsivä nuorisotyö saattaa nuoren palvelusta toiseen."),
    ("Mikä toimii jo nyt", "Sähköinen ajanvaraus nuorten vastaanotolle."),
    ("Aukot ja katkokset palveluissa", "Nuori putoaa palveluista 18-vuotiaana, kun jälkihuolto päättyy."),
    ("Aukot ja katkokset palveluissa", "Mielenterveys- ja päihdepalvelut ovat eri jonoissa, vaikka nuoren ongelmat kietoutuvat yhteen."),
    ("Aukot ja katkokset palveluissa", "Hoitoon ohjaus katkeaa, jos nuori ei vastaa puheluun tuntemattomasta numerosta."),
    ("Aukot ja katkokset palveluissa", "Kukaan ei tiedä, kuka vastaa nuoresta, jolla on monta työntekijää."),
    ("Aukot ja katkokset palveluissa", "Tieto ei kulje toimijoiden välillä, koska nuoren suostumusta ei kysytä."),
    ("Aukot ja katkokset palveluissa", "Kun opinnot keskeytyvät, yhteys opiskeluhuoltoon katkeaa kokonaan."),
    ("Aukot ja katkokset palveluissa", "Päihteitä käyttävä nuori käännytetään mielenterveyspalveluista, kunnes käyttö loppuu."),
    ("Aukot ja katkokset palveluissa", "Lähetteet palaavat takaisin, koska nuori ei täytä kriteerejä."),
    ("Aukot ja katkokset palveluissa", "Nuori ei tiedä, mihin ottaa yhteyttä, kun olo on huono illalla tai viikonloppuna."),
    ("Aukot ja katkokset palveluissa", "Palveluja on paljon, mutta niistä ei ole yhtä ajantasaista listaa."),
    ("Aukot ja katkokset palveluissa", "Nuorten vastaanotolle pääsee ilman lähetettä, mutta jono on pitkä."),
]  # fmt: skip
# (theme, indexes of CAFE, weight in the vote)
CAFE_THEMES = [
    ("Kukaan ei kanna kokonaisvastuuta", [6, 10, 23, 5], 9),
    ("Palvelut eri jonoissa", [21, 26, 27, 30, 8], 7),
    ("Siirtymät ja nivelvaiheet", [20, 25, 18, 2], 6),
    ("Tieto ei kulje", [24, 29, 1, 3], 4),
    ("Apu oikeaan aikaan ja oikeassa kanavassa", [7, 9, 22, 28, 4, 14, 15, 19], 4),
    ("Arki, vertaisuus ja läheiset", [11, 12, 13, 17, 0, 16], 2),
]
# The wording the group gave the top three themes when it confirmed them.
CHALLENGES = [
    "Kukaan ei kanna kokonaisvastuuta nuoresta, jolla on monta työntekijää",
    "Mielenterveys- ja päihdepalvelut toimivat eri jonoissa, ja nuori käännytetään ovelta",
    "Nuori putoaa palvelujen väliin siirtymävaiheissa",
]

# Workshop 6, comparing the theme models.
COMPARE = [
    ("Yhtäläisyydet", "Kaikissa malleissa nuorella on yksi nimetty yhteyshenkilö."),
    ("Yhtäläisyydet", "Kaikki mallit lähtevät nuoren omasta tavoitteesta."),
    ("Yhtäläisyydet", "Jokainen malli tarvitsee yhteisen tavan kysyä suostumus tiedon kulkuun."),
    ("Päällekkäisyydet", "Sekä Ohjaamo että aikuissosiaalityö tekevät saman palvelutarpeen arvion."),
    ("Päällekkäisyydet", "Kaksi eri tiimiä soittaa samalle nuorelle saman viikon aikana."),
    ("Aukot", "Kenellekään ei kuulu nuori, joka ei ole opiskelija eikä työnhakija."),
    ("Aukot", "Viikonloppuisin ei ole palveluohjausta lainkaan."),
    ("Aukot", "Läheisten tukeminen puuttuu kaikista malleista."),
    ("Opittavaa omaan malliin", "Digitaalisen palveluohjauksen chat-tunnit sopisivat kaikille."),
    ("Opittavaa omaan malliin", "Järjestön vertaisohjaaja voisi olla mukana jo ensitapaamisessa."),
    ("Opittavaa omaan malliin", "Opiskeluhuollon siirtopalaveri toimisi myös muissa siirtymissä."),
]  # fmt: skip
COMPARE_THEMES = [
    ("Yksi yhteyshenkilö ja yhteinen arvio", [0, 1, 3, 4]),
    ("Suostumus ja tiedon kulku", [2]),
    ("Kenelle kuulumattomat nuoret", [5, 6]),
    ("Läheiset ja vertaiset mukaan", [7, 9]),
    ("Siirtymät ja kanavat", [8, 10]),
]

# Workshop 7, quality criteria; the vote is in the method's agenda.
CRITERIA = [
    ("Toiminnallinen arvo", "Nuori saa ensimmäisen tapaamisen viikon sisällä yhteydenotosta."),
    ("Toiminnallinen arvo", "Nuorelle sovitaan yksi yhteyshenkilö ensimmäisellä tapaamisella."),
    ("Toiminnallinen arvo", "Suunnitelma tehdään nuoren omista tavoitteista."),
    ("Sosiaalinen arvo", "Nuori saa halutessaan vertaisohjaajan."),
    ("Sosiaalinen arvo", "Läheiset otetaan mukaan, jos nuori niin haluaa."),
    ("Tunteet", "Nuori kokee tulleensa kuulluksi ja kohdatuksi ilman leimaa."),
    ("Tunteet", "Nuoren ei tarvitse kertoa asioitaan moneen kertaan."),
    ("Palvelun sujuvuus", "Siirtymä palvelusta toiseen tehdään saattaen, ei lähetteellä."),
    ("Palvelun sujuvuus", "Mielenterveys- ja päihdeasiat hoidetaan samassa paikassa."),
    ("Palvelun sujuvuus", "Palveluohjaus tavoittaa myös chatissa ja viestillä."),
]  # fmt: skip
CRITERIA_THEMES = [
    ("Apu viikon sisällä", [0]),
    ("Yksi yhteyshenkilö", [1, 6]),
    ("Nuoren omat tavoitteet", [2, 5]),
    ("Vertaiset ja läheiset mukana", [3, 4]),
    ("Saattaen vaihtaen, samassa paikassa", [7, 8, 9]),
]
CRITERIA_WEIGHTS = [6, 8, 5, 3, 7]

# (name, description, elements, principles, owners, conditions, tips, status path, challenge
#  indexes)
PRACTICES = [
    ("Nuoren oma yhteyshenkilö",
     "Jokaiselle nuorelle nimetään ensimmäisellä tapaamisella yksi yhteyshenkilö, joka kulkee rinnalla, kunnes nuoren palvelut ovat käynnissä.",
     "Yhteyshenkilö nimetään ensitapaamisessa\nYhteyshenkilö kutsuu verkoston koolle\nVastuu siirtyy vain saattaen",
     "Nuoren tavoite ensin\nYksi aikuinen kerrallaan",
     "palveluohjauksen esihenkilöt", "Jokaisessa yksikössä on sovittu, kuka voi toimia yhteyshenkilönä ja kuinka monta nuorta hänellä voi olla.",
     "Aloita nuorista, joilla on jo kolme tai useampi työntekijä.", "in_use", [0]),
    ("Yhteinen avovastaanotto",
     "Mielenterveys- ja päihdepalvelut pitävät nuorille yhteistä avovastaanottoa ilman ajanvarausta ja lähetettä.",
     "Kaksi iltapäivää viikossa\nTyöparina mielenterveys- ja päihdetyöntekijä\nSama tila kuin Ohjaamolla",
     "Ketään ei käännytetä päihteiden käytön vuoksi",
     "mielenterveys- ja päihdepalvelujen palvelupäällikkö", "Työvuorot suunnitellaan niin, että työpari on aina paikalla.",
     "Kerro avovastaanotosta oppilaitoksissa ja nuorten somekanavissa.", "in_use", [1]),
    ("Saattaen vaihtaminen",
     "Kun nuori siirtyy palvelusta toiseen, nykyinen työntekijä on mukana ensimmäisessä tapaamisessa uudessa palvelussa.",
     "Yhteinen siirtotapaaminen\nTiedot siirtyvät nuoren luvalla\nSeurantasoitto kahden viikon päästä",
     "Nuori ei jää yksin siirtymässä",
     "kaikki palveluohjausta tekevät yksiköt", "Siirtotapaamiselle varataan aikaa työajasta.",
     "Sopikaa siirrosta aina nuoren kanssa ensin.", "in_use", [2]),
    ("Suostumus tiedon kulkuun ensitapaamisessa",
     "Nuorelta kysytään ensitapaamisessa, kenen kanssa hänen asioistaan saa puhua, ja suostumus kirjataan yhteisellä lomakkeella.",
     "Yhteinen suostumuslomake\nSuostumus tarkistetaan puolen vuoden välein",
     "Nuori päättää itse, mitä tietoa jaetaan",
     "tietosuojavastaava ja palveluohjauksen esihenkilöt", "Lomake hyväksytään hyvinvointialueen tietosuojaprosessissa.",
     "Kerro nuorelle, mitä hyötyä tiedon kulusta on hänelle.", "in_use", [0, 2]),
    ("Jälkihuollon siirtopalaveri",
     "Kolme kuukautta ennen jälkihuollon päättymistä pidetään palaveri, jossa sovitaan aikuispalvelujen yhteyshenkilö.",
     "Palaveri kolme kuukautta ennen 18. tai 25. ikävuotta\nAikuissosiaalityö mukana",
     "Palvelut jatkuvat ilman katkosta",
     "lastensuojelun jälkihuolto ja aikuissosiaalityö", "Jälkihuollon päättymiset näkyvät aikuissosiaalityölle ajoissa.",
     "Kutsu nuoren itse valitsema läheinen mukaan.", "piloted", [2]),
    ("Opintojen keskeytyksen ilmoitus",
     "Kun opinnot ovat keskeytymässä, opiskeluhuolto ohjaa nuoren nuoren luvalla Ohjaamoon ennen kuin yhteys katkeaa.",
     "Ohjaus ennen keskeytystä\nOhjaamon työntekijä tapaa nuoren oppilaitoksessa",
     "Kukaan ei jää tyhjän päälle",
     "opiskeluhuolto ja Ohjaamo", "Oppilaitokset tuntevat käytännön ja tietävät, kenelle ilmoittaa.",
     "Aloita yhdestä oppilaitoksesta ja laajenna.", "piloted", [2]),
    ("Palveluohjauksen chat-tunnit",
     "Palveluohjaajat päivystävät chatissa arki-iltaisin, jotta nuori voi kysyä apua silloin, kun hän on siihen valmis.",
     "Chat arki-iltaisin\nVastaus saman päivän aikana\nOhjaus jatkuu tarvittaessa tapaamisena",
     "Matala kynnys\nNuoren kanava",
     "digitaalisen palveluohjauksen tiimi", "Chat-työlle varataan vuorot ja perehdytys.",
     "Seuraa, mihin aikaan nuoret kirjoittavat, ja siirrä vuoroja sen mukaan.", "piloted", [1]),
    ("Yhteinen palveluluettelo",
     "Nuorten palveluista pidetään yhtä ajantasaista luetteloa, jota kaikki toimijat käyttävät ja päivittävät.",
     "Yksi luettelo kaikille\nJokaisella palvelulla nimetty päivittäjä",
     "Tieto on yhteistä",
     "palveluohjauksen koordinaattori", "Luettelon päivittämiselle on sovittu vastuut.",
     "Tarkistakaa luettelo yhdessä kahdesti vuodessa.", "in_use", []),
    ("Vertaisohjaaja ensitapaamisessa",
     "Järjestön koulutettu vertaisohjaaja on nuoren halutessa mukana ensimmäisessä tapaamisessa.",
     "Vertaisohjaajan esittely\nNuori päättää, jatkaako vertaisohjaaja",
     "Kokemus on asiantuntemusta",
     "päihdejärjestö", "Vertaisohjaajille on koulutus, työnohjaus ja palkkio.",
     "Kysy nuorelta ennen tapaamista, haluaako hän vertaisen mukaan.", "piloted", [1]),
    ("Läheisten infoillat",
     "Nuorten läheisille järjestetään kerran kuukaudessa ilta, jossa kerrotaan palveluista ja siitä, miten läheinen voi tukea.",
     "Kuukausittainen ilta\nKokemusasiantuntijan puheenvuoro",
     "Läheinen on voimavara",
     "mielenterveys- ja päihdepalvelut ja päihdejärjestö", "Illoille on tila ja vetäjät.",
     "Kerro illoista myös nuorelle itselleen.", "prototype", []),
    ("Nuoren oma suunnitelma",
     "Nuoren kanssa tehdään yksi yhteinen suunnitelma, jota kaikki hänen työntekijänsä käyttävät.",
     "Yksi suunnitelma\nNuoren omat sanat ja tavoitteet\nPäivitys yhteisissä tapaamisissa",
     "Nuoren tavoite ensin",
     "nuoren yhteyshenkilö", "Suunnitelmapohja on yhteinen kaikille yksiköille.",
     "Kirjoita suunnitelma nuoren kanssa, älä hänelle.", "piloted", [0]),
    ("Verkostotapaaminen kuukauden sisällä",
     "Kun nuorella on kolme tai useampi työntekijä, yhteyshenkilö kutsuu verkoston koolle kuukauden sisällä.",
     "Kutsu kuukauden sisällä\nNuori puheenjohtajana, jos haluaa",
     "Yhdessä, ei rinnakkain",
     "nuoren yhteyshenkilö", "Verkostotapaamisille on yhteinen kalenteri.",
     "Pidä tapaaminen nuoren valitsemassa paikassa.", "piloted", [0]),
    ("Etsivän nuorisotyön suora linja",
     "Etsivällä nuorisotyöllä on suora yhteys mielenterveys- ja päihdepalvelujen päivystävään työntekijään.",
     "Päivystävä työntekijä arkisin\nTakaisinsoitto saman päivän aikana",
     "Nopea apu",
     "etsivä nuorisotyö ja mielenterveys- ja päihdepalvelut", "Päivystysvuorot on sovittu.",
     "Kirjatkaa yhteydenotot, jotta tarve näkyy.", "in_use", [1]),
    ("Palveluohjauksen laatukriteerit",
     "Asiakaslähtöisen palveluohjauksen viisi laatukriteeriä, joiden toteutumista seurataan puolen vuoden välein.",
     "Viisi kriteeriä\nMittari ja tietolähde kullekin\nNuorten ja työntekijöiden arviot erikseen",
     "Laatu näkyy nuoren kokemuksena",
     "palveluohjauksen koordinaattori", "Seurannalle on nimetty vastuuhenkilö.",
     "Aloita kahdesta kriteeristä ja lisää muut vähitellen.", "piloted", []),
    ("Yhteinen palvelutarpeen arvio",
     "Ohjaamo ja aikuissosiaalityö tekevät yhden yhteisen palvelutarpeen arvion kahden erillisen sijaan.",
     "Yksi arvio\nTyöpari kahdesta yksiköstä",
     "Nuoren ei tarvitse kertoa asioitaan kahdesti",
     "Ohjaamo ja aikuissosiaalityö", "Arvion kirjaaminen on sovittu molempiin järjestelmiin.",
     "Sopikaa työparit etukäteen.", "prototype", [0]),
    ("Viikonlopun tukipuhelu",
     "Viikonloppuisin järjestön vapaaehtoiset vastaavat nuorten tukipuheluun ja ohjaavat tarvittaessa päivystykseen.",
     "Tukipuhelu viikonloppuisin\nOhjaus päivystykseen",
     "Apu myös viikonloppuna",
     "päihdejärjestö", "Vapaaehtoisilla on koulutus ja varallaolo ammattilaisesta.",
     "Kerro tukipuhelusta kaikissa nuorten palveluissa.", "idea", [1]),
    ("Arjen taitojen ryhmä",
     "Ohjaamossa toimii ryhmä, jossa harjoitellaan arjen taitoja: raha-asioita, unirytmiä ja asiointia.",
     "Kahdeksan kerran ryhmä\nVertaisohjaaja mukana",
     "Arki kantaa",
     "Ohjaamo", "Ryhmälle on tila ja ohjaajat.",
     "Kysy nuorilta, mitä he haluavat harjoitella.", "prototype", []),
    ("Kokemusasiantuntijat kehittäjinä",
     "Nuoret kokemusasiantuntijat osallistuvat palveluohjauksen kehittämiseen ja arviointiin palkkiota vastaan.",
     "Palkkio ja perehdytys\nMukana arvioinnissa",
     "Ei meistä ilman meitä",
     "hyvinvointialueen osallisuuskoordinaattori", "Palkkioille on budjetti.",
     "Pyydä kokemusasiantuntijat mukaan jo suunnitteluun.", "in_use", []),
    ("Palveluohjaajien yhteinen työnohjaus",
     "Eri yksiköiden palveluohjaajat saavat yhteistä ryhmätyönohjausta, jossa käsitellään vaikeita siirtymiä.",
     "Ryhmä kerran kuukaudessa\nEri yksiköiden työntekijät samassa ryhmässä",
     "Opitaan toisiltamme",
     "henkilöstöpalvelut", "Työnohjaus hankitaan yhteisesti.",
     "Kierrättäkää ryhmän kokoonpanoa vuosittain.", "idea", []),
    ("Toimijakartta nuorille",
     "Nuorille tehdään selkokielinen toimijakartta siitä, mistä saa apua mihinkin asiaan.",
     "Selkokieli\nPainettu ja sähköinen versio",
     "Nuori löytää itse",
     "viestintä ja Ohjaamo", "Kartta päivitetään palveluluettelon pohjalta.",
     "Testaa kartta nuorilla ennen julkaisua.", "idea", []),
]  # fmt: skip
STATUS_PATH = ["idea", "prototype", "piloted", "in_use"]

VISION = (
    "Vuoden 2027 loppuun mennessä jokainen apua tarvitseva nuori aikuinen alueellamme saa "
    "yhdellä yhteydenotolla yhden yhteyshenkilön, joka kulkee hänen rinnallaan.\n\n"
    "Mielenterveys- ja päihdepalvelut toimivat nuorille samalla ovella: ketään ei käännytetä "
    "päihteiden käytön vuoksi, ja ensimmäinen tapaaminen järjestyy viikon sisällä.\n\n"
    "Siirtymät – täysi-ikäisyys, opintojen keskeytyminen, muutto – tehdään saattaen. Nuoret ja "
    "heidän läheisensä ovat mukana palvelujen kehittämisessä ja arvioinnissa."
)
AGREEMENTS = (
    "Esihenkilöt sopivat yhteisesti, että yhteyshenkilön tehtävään varataan aikaa työajasta ja "
    "että verkostotapaamiset ovat osa perustyötä.\n\n"
    "Johtoryhmä käsittelee palveluohjauksen laatukriteerien seurannan puolen vuoden välein, ja "
    "tulokset kerrotaan kaikille toimijoille ja kehittäjäasiakkaille.\n\n"
    "Esihenkilöt tapaavat kerran kuukaudessa ja ratkaisevat yhdessä ne siirtymät, jotka jäävät "
    "jumiin. Päätökset tehdään dialogisesti: työntekijöiden ja nuorten havainnot kuullaan ensin."
)
BASIC_IDEA = (
    "Nuori saa yhdellä yhteydenotolla oman yhteyshenkilön, joka kulkee hänen rinnallaan, "
    "kunnes palvelut ovat käynnissä. Mielenterveys- ja päihdepalvelut tarjoavat yhteisen "
    "avovastaanoton, siirtymät palvelusta toiseen tehdään saattaen, ja tieto kulkee nuoren "
    "luvalla.\n\n"
    "Malli rakennettiin kymmenessä työpajassa kolmen anonymisoidun asiakastapauksen ja kuuden "
    "käyttäjäpersoonan palvelupolkujen pohjalta. Se vastaa kolmeen priorisoituun haasteeseen: "
    "kukaan ei kantanut kokonaisvastuuta, palvelut toimivat eri jonoissa ja nuori putosi "
    "palvelujen väliin siirtymävaiheissa."
)
EVALUATION = (
    "Palautetta antoi 88 osallistujaa. Aloitustapaamisessa kuulluksi tulemisen keskiarvo oli "
    "4,1 ja hyödyllisyyden 3,9 asteikolla 1–5; kehittäjäryhmän tapaamisissa arviot nousivat "
    "loppua kohden.\n\n"
    "Seurantamittareissa odotusaika ensimmäiseen tapaamiseen lyheni 21 päivästä 8 päivään, "
    "ja nuorten kokemus palvelusta parani. Henkilöstön hyvinvointi-indeksi pysyi ennallaan.\n\n"
    "Kahdestakymmenestä käytännöstä kuusi on käytössä, kahdeksan pilotoitu ja loput "
    "prototyyppeinä tai ideoina jatkokehitettäväksi."
)

# (text, after workshop, owner username or "", owner role, days from the last workshop to the
#  due date, status, challenge index or None, practice name or "")
ACTIONS = [
    ("Nimetään yhteyshenkilöt kaikkiin yksiköihin", 5, "", "palveluohjauksen esihenkilöt", -70, "done", 0, "Nuoren oma yhteyshenkilö"),
    ("Sovitaan avovastaanoton tilat ja työparit", 4, "", "mielenterveys- ja päihdepalvelujen palvelupäällikkö", -84, "done", 1, "Yhteinen avovastaanotto"),
    ("Hyväksytetään suostumuslomake tietosuojaprosessissa", 6, "koordinaattori", "", -50, "done", None, "Suostumus tiedon kulkuun ensitapaamisessa"),
    ("Koulutetaan vertaisohjaajat", 6, "", "päihdejärjestö", -30, "done", None, "Vertaisohjaaja ensitapaamisessa"),
    ("Käynnistetään chat-tuntien pilotti", 7, "fasilitaattori2", "", -20, "done", 1, "Palveluohjauksen chat-tunnit"),
    ("Kootaan laatukriteerien mittarit yhteen", 7, "fasilitaattori", "", -28, "done", None, "Palveluohjauksen laatukriteerit"),
    ("Pilotoidaan jälkihuollon siirtopalaveri kahdella alueella", 8, "", "aikuissosiaalityön esihenkilö", 14, "in_progress", 2, "Jälkihuollon siirtopalaveri"),
    ("Laajennetaan opintojen keskeytyksen ilmoitus kaikkiin oppilaitoksiin", 9, "", "opiskeluhuollon päällikkö", 60, "in_progress", 2, "Opintojen keskeytyksen ilmoitus"),
    ("Esitellään malli johtoryhmälle", 9, "koordinaattori", "", -7, "done", None, ""),
    ("Kilpailutetaan yhteinen työnohjaus", 10, "", "henkilöstöpalvelut", 90, "open", None, "Palveluohjaajien yhteinen työnohjaus"),
    ("Testataan toimijakartta nuorten kanssa", 10, "fasilitaattori2", "", 30, "open", None, "Toimijakartta nuorille"),
    ("Raportoidaan laatukriteerien ensimmäinen seuranta", 10, "koordinaattori", "", 45, "in_progress", None, "Palveluohjauksen laatukriteerit"),
]  # fmt: skip


def full_series(organisation) -> Series | None:
    """The complete demo series of the organisation, if `seed_demo` has made it."""
    return Series.objects.filter(organisation=organisation, title=FULL_TITLE).first()


def seed(*, organisation) -> None:
    if full_series(organisation) is not None:
        return
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["fasilitaattori", "fasilitaattori2", "koordinaattori"]
        )
    }
    facilitator = users.get("fasilitaattori")
    coordinator = users.get("koordinaattori")
    facilitators = [u for u in (facilitator, users.get("fasilitaattori2")) if u]
    today = timezone.localdate()
    first = today - dt.timedelta(weeks=WEEKS_AGO)
    while first.weekday() != 1:  # workshops on Tuesdays
        first += dt.timedelta(days=1)
    series = services.series_create(
        organisation=organisation,
        method=Method.objects.get(slug="paku"),
        title=FULL_TITLE,
        goal=GOAL,
        target_group=TARGET,
        language=Series.Language.FI,
        facilitators=facilitators,
        created_by=facilitator,
        first_date=first,
        start_time=dt.time(9, 0),
        place=PLACE,
    )
    workshops = list(series.workshops.order_by("position"))
    rng = random.Random(8)  # noqa: S311 — repeatable demo data, not a secret
    people: dict[tuple, Participant] = {}
    challenges = []
    for workshop in workshops:
        workshop = live.workshop_go_live(workshop=workshop)
        attending = _join(workshop, people, rng)
        if workshop.position == 1:
            challenges = _kick_off(workshop, attending, facilitator, rng)
        elif workshop.position == 6:
            _brainstorm(workshop, attending, COMPARE, COMPARE_THEMES, rng)
        elif workshop.position == 7:
            themes = _brainstorm(workshop, attending, CRITERIA, CRITERIA_THEMES, rng)
            _vote(workshop, _step(workshop, "vote"), attending, themes, CRITERIA_WEIGHTS, rng)
        live.workshop_end(workshop=workshop)
        started = timezone.make_aware(dt.datetime.combine(workshop.date, dt.time(9, 0)))
        Workshop.objects.filter(pk=workshop.pk).update(
            started_at=started, ended_at=started + dt.timedelta(minutes=workshop.duration_minutes)
        )
    practices = _practices(series, workshops, challenges, facilitator)
    _documents(series, facilitator, coordinator)
    _actions(series, workshops, challenges, practices, users)


def _join(workshop: Workshop, people: dict, rng: random.Random) -> list[Participant]:
    """Who comes: everyone of the regional kick-off to the first workshop, the developer group
    (most of them, the client representatives always) to the others."""
    roster = KICK_OFF if workshop.position == 1 else DEVELOPERS
    attending = []
    for organisation, count in roster:
        for index in range(count):
            key = (organisation, index)
            if workshop.position > 1 and organisation and rng.random() < 0.15:
                continue  # away this time
            kind = Participant.Kind.CLIENT if not organisation else Participant.Kind.PROFESSIONAL
            known = people.get(key)
            participant, _token = live.participant_join(
                workshop=workshop,
                nickname=known.nickname if known else NICKNAMES[len(people) % len(NICKNAMES)],
                kind=kind,
                organisation_name=organisation,
                existing=known,
            )
            people[key] = participant
            attending.append(participant)
    return attending


def _step(workshop: Workshop, kind: str, after: Step | None = None) -> Step:
    steps = workshop.steps.filter(kind=kind).order_by("position")
    if after is not None:
        steps = steps.filter(position__gt=after.position)
    return steps.first()


def _go(workshop: Workshop, step: Step) -> Workshop:
    return live.step_go(workshop=workshop, step=step)


def _post(workshop: Workshop, step: Step, authors: list[Participant], notes) -> list:
    workshop = _go(workshop, step)
    posted = []
    for index, (category, text) in enumerate(notes):
        note, _created = live.note_post(
            workshop=workshop,
            participant=authors[index % len(authors)],
            text=text,
            client_id=uuid.uuid4(),
            category=category,
        )
        posted.append(note)
    if step.is_private:
        live.step_reveal(step=step)
    return posted


def _group(workshop: Workshop, step: Step, notes: list, themes: Iterable) -> list:
    workshop = _go(workshop, step)
    made = []
    for name, indexes, *_weight in themes:
        made.append(
            converge.notes_group(
                workshop=workshop,
                step=step,
                note_ids=[notes[i].public_id for i in indexes],
                new_name=name,
            )
        )
    return made


def _brainstorm(workshop, attending, notes, themes, rng) -> list:
    brainstorm = _step(workshop, "brainstorm")
    posted = _post(workshop, brainstorm, rng.sample(attending, min(8, len(attending))), notes)
    return _group(workshop, _step(workshop, "themes", after=brainstorm), posted, themes)


def _vote(workshop, step, voters, themes, weights, rng) -> None:
    """Each voter spends the whole budget, the themes drawn by their weights."""
    workshop = _go(workshop, step)
    settings_ = converge.vote_settings(step)
    for voter in voters:
        given: dict[int, int] = {}
        while sum(given.values()) < settings_.budget:
            index = rng.choices(range(len(themes)), weights=weights)[0]
            if given.get(index, 0) >= settings_.max_per_item:
                continue
            converge.dot_change(
                workshop=workshop,
                step=step,
                participant=voter,
                action="add",
                item_id=themes[index].public_id,
            )
            given[index] = given.get(index, 0) + 1
    live.step_set_input_open(step=step, open_=False)


def _kick_off(workshop, attending, facilitator, rng) -> list:
    """The learning café's notes into themes, a dot vote and three prioritised challenges.

    The PAKU agenda converges into themes only; the facilitator added a vote and a prioritise
    step to it, as the agenda editor lets anyone do."""
    themes_step = _step(workshop, "themes")
    for kind, title, minutes in (
        ("vote", "Pisteäänestys: suurimmat aukot", 10),
        ("prioritise", "Kolme tärkeintä haastetta", 10),
    ):
        step = services.step_add(
            workshop=workshop,
            kind=kind,
            title=title,
            instructions="Jokaisella on kolme pistettä. Kolme eniten pisteitä saanutta teemaa "
            "ovat sarjan priorisoidut haasteet.",
            duration_minutes=minutes,
        )
        while step.position > themes_step.position + (1 if kind == "vote" else 2):
            services.step_move(step=step, offset=-1)
            step.refresh_from_db()
    brainstorm = _step(workshop, "brainstorm")
    posted = _post(workshop, brainstorm, rng.sample(attending, len(CAFE)), CAFE)
    themes = _group(workshop, themes_step, posted, CAFE_THEMES)
    vote = _step(workshop, "vote")
    # Forty of the ninety stayed for the vote at the end of the café.
    voters = rng.sample(attending, 40)
    _vote(workshop, vote, voters, themes, [w for _n, _i, w in CAFE_THEMES], rng)
    prioritise = _step(workshop, "prioritise")
    workshop = _go(workshop, prioritise)
    top = vote_results(vote)[: len(CHALLENGES)]
    by_name = {name: text for (name, *_rest), text in zip(CAFE_THEMES, CHALLENGES, strict=False)}
    return converge.challenges_confirm(
        workshop=workshop,
        step=prioritise,
        user=facilitator,
        rows=[(row.public_id, by_name.get(row.name, row.name)) for row in top],
    )


def _practices(series, workshops, challenges, facilitator) -> dict:
    made = {}
    for number, (name, description, elements, principles, owners, conditions, tips, status,
                 challenge_indexes) in enumerate(PRACTICES):  # fmt: skip
        born = workshops[4 if number < 12 else 7]  # theme models (5) or the regional model (8)
        practice = practice_services.practice_create(
            series,
            by=facilitator,
            workshops=[born, workshops[7], workshops[9]],
            challenges=[challenges[i] for i in challenge_indexes if i < len(challenges)],
            name=name,
            description=description,
            elements=elements,
            principles=principles,
            owners=owners,
            conditions=conditions,
            tips=tips,
        )
        practice.history.update(date=born.date)
        # Each step forward came at a later workshop: prototype at 6 or 8, piloted at 9, in
        # use some weeks after the last one.
        dates = {
            "prototype": workshops[5 if number < 12 else 7].date,
            "piloted": workshops[8].date,
            "in_use": workshops[9].date + dt.timedelta(days=21 + number),
        }
        notes = {
            "prototype": "Prototyyppi teemaryhmässä",
            "piloted": "Pilotoitu kahdella alueella",
            "in_use": "Otettu käyttöön koko alueella",
        }
        for step in STATUS_PATH[1 : STATUS_PATH.index(status) + 1]:
            practice_services.practice_set_status(
                practice, status=step, date=dates[step], note=notes[step], by=facilitator
            )
        made[name] = practice
    return made


def _documents(series, facilitator, coordinator) -> None:
    practice_services.document_save(series, kind="vision", text=VISION, version=0, by=facilitator)
    practice_services.document_save(
        series, kind="agreements", text=AGREEMENTS, version=0, by=coordinator
    )
    # The coordinator wrote two sections of the core over their drafts before exporting.
    practice_model.text_save(series, key="basic_idea", text=BASIC_IDEA, version=0, by=coordinator)
    practice_model.text_save(series, key="evaluation", text=EVALUATION, version=0, by=coordinator)


def _actions(series, workshops, challenges, practices, users) -> None:
    last = workshops[-1].date
    # The tasks the method proposes after each workshop were done as the series went on.
    for task in SeriesTask.objects.filter(series=series):
        services.task_set_done(task=task, done=True)
    for text, after, owner, role, days, status, challenge, practice in ACTIONS:
        task = services.task_add(
            series=series,
            text=text,
            after_workshop=workshops[after - 1],
            owner=users.get(owner) if owner else None,
            owner_role=role,
            due_date=last + dt.timedelta(days=days),
            challenge=challenges[challenge] if challenge is not None else None,
            practice=practices.get(practice),
        )
        if status != SeriesTask.Status.OPEN:
            services.task_update(task=task, status=status)
