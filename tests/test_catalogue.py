"""The catalogue loads, is complete, and says only what the city's programme says."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from bot.catalogue import CatalogueError, load_catalogue
from bot.languages import LANGUAGES
from bot.paths import CATALOGUE_DIR

REQUIRED_IDS = {
    "service_needs_assessment", "integration_plan", "civic_orientation", "integration_training",
    "language_level_test", "swedish_integration", "self_motivated_study", "literacy_training",
    "omnia_competence_centre", "koski_competence_centre", "talent_espoo", "s2_with_childcare",
    "career_guidance", "business_advice", "guidance_counselling", "finnish_conversation_groups",
    "perhesoppa", "kaikukortti", "website_translation",
}  # fmt: skip

# How each provider of the responsibility table is written in the seed.
SEED_NAMES = {
    "employment_area": "Espoo-Kauniainen työllisyysalue",
    "kauniainen_integration_services": "Kauniaisten kotoutumispalvelut",
    "wellbeing_services_county": "Länsi-Uudenmaan hyvinvointialue",
    "espoo_city": "Espoon kaupunki",
    "city_basic_services": "Kaupungin peruspalvelut",
    "city_hall_service_point": "Kaupungintalon palvelupiste",
}
# Rows of the seed's "Vastuutaulukko" and where the catalogue represents each.
TABLE_ROWS = [
    ("Osaamisen ja kotoutumisen palvelutarpeen arviointi", "service_needs_assessment", False),
    (
        "Monialaisen osaamisen ja kotoutumisen palvelutarpeen arviointi",
        "service_needs_assessment",
        True,
    ),
    ("Kotoutumissuunnitelma", "integration_plan", False),
    ("Monialainen kotoutumissuunnitelma", "integration_plan", True),
    ("Monikielinen yhteiskuntaorientaatio", "civic_orientation", False),
    ("Kotoutumisohjelman aikainen ohjaus ja neuvonta", "guidance_counselling", False),
]
LAST_ROW = "Kunnan kotoutumisohjelman seuranta ja päivittäminen"


def _flat(text: str) -> str:
    text = re.sub(r"-\s*\n\s*", "-", text.replace("–", "-"))  # words hyphenated across lines
    return re.sub(r"\s+", " ", text)


def _table_columns(seed_text: str) -> dict[str, tuple[str, str]]:
    """Each table row's two columns: job seekers' providers, and others'."""
    table = _flat(seed_text[seed_text.rindex("Vastuutaulukko") :])
    starts = [(table.index(label + " "), label) for label, _, _ in TABLE_ROWS]
    starts.append((table.index(LAST_ROW), LAST_ROW))
    starts.sort()
    columns = {}
    for (start, label), (end, _) in zip(starts, starts[1:], strict=False):
        row = table[start + len(label) : end]
        split = row.index("Kauniaisten")  # the others' column starts with Kauniainen's services
        columns[label] = (row[:split], row[split:])
    return columns


def _in_column(column: str) -> set[str]:
    return {pid for pid, name in SEED_NAMES.items() if name.lower() in column.lower()}


def test_the_catalogue_has_every_required_service(catalogue):
    assert REQUIRED_IDS <= set(catalogue.services)


def test_every_service_cites_an_existing_seed_section(catalogue, seed_text):
    for service in catalogue.services.values():
        for ref in service.seed.split(", "):
            number = ref.lstrip("§")
            if ref == "Vastuutaulukko":
                assert "Vastuutaulukko" in seed_text
            else:
                assert re.search(rf"(^|\n)\s*{number}\. ", seed_text), f"{service.id}: {ref}"


@pytest.mark.parametrize(("label", "service_id", "multisectoral"), TABLE_ROWS)
def test_providers_per_target_group_match_the_responsibility_table(
    catalogue, seed_text, label, service_id, multisectoral
):
    job_seekers, others = _table_columns(seed_text)[label]
    service = catalogue.services[service_id]
    providers = service.multisectoral.providers if multisectoral else service.providers
    assert set(providers.get("job_seeker", ())) == _in_column(job_seekers), label
    assert set(providers.get("outside_labour_force", ())) == _in_column(others), label


def _all_texts(catalogue):
    for service in catalogue.services.values():
        fields = [service.name, service.description, *service.facts, *service.how_to.values()]
        fields += [d.text for d in service.details.values()]
        if service.summary_text:
            fields.append(service.summary_text)
        if service.multisectoral:
            fields.append(service.multisectoral.description)
        for localized in fields:
            for language, value in localized.items():
                yield f"{service.id}.{language}", value
    for provider in catalogue.providers.values():
        for language, value in provider.name.items():
            yield f"provider {provider.id}.{language}", value


_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def test_every_number_in_the_catalogue_appears_in_the_seed(catalogue, seed_text):
    seed_numbers = set(re.findall(r"\d+", seed_text))
    found = []
    for where, value in _all_texts(catalogue):
        for number in re.findall(r"\d+", value.translate(_EASTERN_DIGITS)):
            found.append(number)
            assert number in seed_numbers, f"{where}: {number} is not in the seed"
    assert found, "expected the catalogue to state some numbers (durations, group sizes)"


def test_no_phone_numbers_or_addresses_are_invented(catalogue, seed_text):
    phone = re.compile(r"\+?\d[\d\s-]{6,}\d")
    emails = set(re.findall(r"[\w.-]+@[\w.-]+", seed_text))
    for where, value in _all_texts(catalogue):
        assert not phone.search(value), f"{where}: looks like a phone number"
        for email in re.findall(r"[\w.-]+@[\w.-]+\w", value):
            assert email in emails, f"{where}: {email} is not in the seed"


def test_every_text_field_has_six_languages_and_short_descriptions(catalogue):
    for service in catalogue.services.values():
        for language in LANGUAGES:
            assert service.name[language].strip()
            assert len(service.description[language].split()) <= 80


def test_target_groups_are_read_from_what_people_say(catalogue):
    said = {
        "olen työtön työnhakija": "job_seeker",
        "I am unemployed": "job_seeker",
        "я безработный": "job_seeker",
        "я безробітна": "job_seeker",
        "I stay at home with my kids": "outside_labour_force",
        "olen kotona lasten kanssa": "outside_labour_force",
        "I am retired": "outside_labour_force",
        "انا ربة منزل": "outside_labour_force",
        "я сижу с ней дома": "outside_labour_force",
        "мы дома с младшим": "outside_labour_force",
        "ya sizhu doma s synom": "outside_labour_force",
        "я вдома з молодшим": "outside_labour_force",
        "сиджу з донькою вдома": "outside_labour_force",
        "ya bezrobitna, stoyu na obliku": "job_seeker",
        "Mä oon kotona niiden kanssa, meillä ei oo päiväkotipaikkaa": "outside_labour_force",
        "Я зараз вдома з двома малими": "outside_labour_force",
        "я сижу с двойняшками, им по году": "outside_labour_force",
        "сиджу з близнюками": "outside_labour_force",
        "مفيش شغل دلوقتي وأنا متسجل في مكتب العمل": "job_seeker",
        "هسه ماكو شغل عندي": "job_seeker",  # Iraqi
        "муж работает, а я с сыночком дома": "outside_labour_force",
        "мы с сыном целый день сидим дома": "outside_labour_force",
        "а я з донькою вдома цілий день": "outside_labour_force",
        "а я вдома з донечкою, їй 10 місяців": "outside_labour_force",  # the diminutive
        "تسجلت بمكتب التوظيف من شهر": "job_seeker",
        "ما سجلت بمكتب التوظيف، انا بالبيت": "outside_labour_force",
        "jag är hemma med mina tre små barn": "outside_labour_force",
        # Finland-Swedish "int" for "inte"
        "ja e int arbetslös, ja sköter pappa hemma": "outside_labour_force",
        # typed without the letters' marks
        "jag ar pensionar sen i fjol": "outside_labour_force",
        "oon tyoton ja kirjoilla te-toimistossa": "job_seeker",
        "انا كبير بالعمر ومتقاعد من زمان": "outside_labour_force",
        "انا قاعدة مع الولاد في البيت": "outside_labour_force",  # with them, at home
        "انا ست بيت": "outside_labour_force",
        # Iraqi "اني" (I) and "ويا" (with)
        "اني بالبيت ويا البنات": "outside_labour_force",
        "доглядаю літнього тата, тому не працюю": "outside_labour_force",
        # not registered, though the office is named after it
        "я не стою на обліку в TE, живу з батьками": "outside_labour_force",
        "не стою на учёте в TE-toimisto": "outside_labour_force",
        "На учёте в TE я не стою, сижу дома": "outside_labour_force",
        "я вже пів року на біржі": "job_seeker",  # the labour exchange
        "انا مب مسجل في مكتب العمل، قاعد بالبيت": "outside_labour_force",  # Gulf "مب"
        "ستي بيتها بعيد": None,
        # Maghrebi "الدار" (the house)
        "انا قاعدة فالدار مع ولادي": "outside_labour_force",
        "انا من الدار البيضاء": None,  # Casablanca
        # not registered at the labour exchange
        "я дома с сыном, на бирже не стою": "outside_labour_force",
        "стою на бирже труда": "job_seeker",
        "работу потеряла весной": "job_seeker",
        "встала на учёт в январе": "job_seeker",
        "olen kotona klo 17": None,
        "сижу и жду ответа из TE": None,
        "where is the Finnish course": None,
    }
    for message, group in said.items():
        assert catalogue.group_in_text(message) == group, message


def test_an_arabic_no_is_a_word_of_its_own_not_the_end_of_always_or_maybe(catalogue):
    """An Arabic no: "ما" (not) also ends "دايما" (always) and "ربما" (maybe). "Always looking
    for work" is a job seeker's story; "وما" (and not) is still a no."""
    said = {
        "متسجلة بمكتب التوظيف وكل يوم دايما بدور على وظيفة": "job_seeker",
        "ربما ابحث عن عمل بعد الصيف": "job_seeker",
        "زوجي بيشتغل وما بدور على وظيفة": "outside_labour_force",
        "دايما عندي شغل بالبيت": None,
    }
    for message, group in said.items():
        assert catalogue.group_in_text(message) == group, message


def test_a_service_is_named_in_any_inflected_form_and_short_names_only_whole(catalogue):
    kaikukortti, business = catalogue.services["kaikukortti"], catalogue.services["business_advice"]
    assert catalogue.names_service(kaikukortti, "mistä saan Kaikukortin?")
    assert catalogue.names_service(kaikukortti, "сколько стоит Kaikukortti?")
    assert not catalogue.names_service(kaikukortti, "how much does it cost?")
    assert catalogue.names_service(business, "как открыть ИП?")
    training = catalogue.services["integration_training"]
    assert catalogue.names_service(training, "когда следующий курс финского для безработных?")
    assert catalogue.names_service(training, "are there Finnish courses in the evening?")
    assert not catalogue.names_service(training, "где курсы вождения?")
    assert not catalogue.names_service(business, "это типа курс?")


@pytest.mark.parametrize(
    ("service_id", "typed"),
    [
        ("family_services", "miten haetaan paivakotipaikkaa?"),
        ("language_level_test", "missa tehdaan lahtotasotesti?"),
        ("integration_training", "finns det nån sprakkurs för arbetslösa?"),
        ("website_translation", "onko sivuilla kaannos?"),
        ("family_services", "hur funkar smabarnspedagogiken har?"),
    ],
)
def test_a_service_is_named_as_typed_without_the_letters_marks(catalogue, service_id, typed):
    assert catalogue.names_service(catalogue.services[service_id], typed)


@pytest.mark.parametrize(
    ("service_id", "named", "not_named"),
    [
        ("finnish_conversation_groups", "onks TOISTO-ryhmää kesällä?", "voinko mennä toiseen?"),
        ("perhesoppa", "milloin seurakunnan Perhesoppa on?", "muutin tänne pari kuukautta sitten"),
        ("perhesoppa", "is the parish cafe open?", "I want to fly to Paris"),
        ("perhesoppa", "а в приходе это бывает?", "можно приходить с ребенком?"),
        ("guidance_counselling", "где получить помощь по интеграции?", "кто поможет с работой?"),
        ("guidance_counselling", "де отримати допомогу?", "допоможіть знайти роботу"),
        ("website_translation", "є переклад сайту?", "переключись на українську"),
        ("website_translation", "onko sivulla käännöspalvelu?", "käännyn kotiin"),
        # daycare as people call it
        ("family_services", "hur söker man plats på dagis?", "vad gör man på dagen?"),
        ("family_services", "як отримати місце в садку?", "де сад біля церкви?"),
    ],
)
def test_a_word_that_only_begins_like_a_name_does_not_name_the_service(
    catalogue, service_id, named, not_named
):
    """A common word that begins like an inflected name ("toisen" like TOISTO, "поможет" like
    "помощь") would make a rule force that service's answer."""
    service = catalogue.services[service_id]
    assert catalogue.names_service(service, named)
    assert not catalogue.names_service(service, not_named)


def test_finnish_service_names_are_known_as_service_terms(catalogue):
    terms = catalogue.service_terms()
    assert {"kaikukortti", "testipiste", "omnia", "perhesoppa"} <= terms
    assert not {"where", "the", "haluan", "kanssa", "hjälp", "jag"} & terms


def test_a_broken_catalogue_names_file_service_and_field(tmp_path):
    broken = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, broken)
    path = broken / "services" / "kaikukortti.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["description"]["ar"]
    data["providers"] = {"any": ["no_such_provider"]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(broken)
    message = str(raised.value)
    assert "services/kaikukortti.yml: service kaikukortti: field description" in message
    assert "missing or empty language 'ar'" in message
    assert "unknown id 'no_such_provider'" in message


# Who provides each service to whom, with the programme's words that say so (checked to be
# in the programme). "any": the same for both groups. The responsibility table's rows are
# checked column by column above; these are the services of §4, §5 and §7.
PROGRAMME_PROVIDERS = {
    "integration_training": (
        {"job_seeker": {"employment_area", "espoo_procurement"}},
        ["Espoo-Kauniainen työllisyysalue ja Espoon kaupungin hankintayksikkö"],
    ),
    "swedish_integration": (
        {"job_seeker": {"employment_area"}, "outside_labour_force": {"koto_espoo"}},
        [
            "Ruotsinkielinen kotoutumiskoulutus on Espoossa omaehtoista opiskelua",
            "Koto-Espoo vastaa suomen ja ruotsin kielen opetuksen järjestämisestä",
        ],
    ),
    "self_motivated_study": (
        {"job_seeker": {"employment_area"}},
        ["Työtön työnhakija voi opiskella kotoutumiskoulutuksessa myös omaehtoisesti"],
    ),
    "language_level_test": (
        {"job_seeker": {"testipiste"}},
        ["ohjaa useimmiten ensin Testipisteelle suomen kielen lähtötasoarviointiin"],
    ),
    "literacy_training": (
        {"any": {"omnia"}},
        ["Näihin koulutuksiin voi osallistua sekä työttöminä työnhakijoina olevat että"],
    ),
    "omnia_competence_centre": (
        {"job_seeker": {"omnia"}, "outside_labour_force": {"koto_espoo"}},
        [
            "Palveluun ohjataan työllisyyspalveluista",
            "Keskeinen osa palvelua on tutustuminen Omnian osaamiskeskuksen",
        ],
    ),
    "koski_competence_centre": (
        {"job_seeker": {"koski"}, "outside_labour_force": {"koto_espoo"}},
        ["sekä Korkeasti koulutettujen osaamiskeskus Kosken toimintaan ja palveluihin"],
    ),
    "talent_espoo": (
        {"job_seeker": {"talent_espoo"}},
        ["Talent Espoo palvelut saattavat koskea myös Kauniaislaisia työttömiä työnhakijoita"],
    ),
    "job_search_help": (
        {"job_seeker": {"employment_area"}},
        [
            "Työllisyyspalveluiden työnhaun ohjauksessa ja neuvonnassa",
            "osaamisen tunnistamisen työkalu on työllisyyspalveluiden käytössä",
            "Osa palveluista on selkokielistä (esim. Työhönvalmennus) tai tulkattua",
        ],
    ),
    "s2_with_childcare": (
        {"outside_labour_force": {"koto_espoo"}},
        ["Koto-Espoo järjestää työvoiman ulkopuolella oleville kotoutujille, erityisesti"],
    ),
    "career_guidance": (
        {"outside_labour_force": {"koto_espoo"}},
        ["Koto-Espoo järjestää työvoiman ulkopuolella oleville kotoutujille myös uraohjausta"],
    ),
    "business_advice": (
        {"any": {"espoo_business_advice"}},
        ["Espoon yritysneuvontapalvelu vastaa yrittäjille tai yrittäjiksi haluaville"],
    ),
    "family_services": (
        {"any": {"city_early_childhood_education", "city_basic_education", "city_basic_services"}},
        ["Kunnan peruspalvelut, perusopetus ja 2.aste sekä varhaiskasvatus"],
    ),
    "finnish_conversation_groups": ({"any": {"granin_lahiapu"}}, ["Granin lähiapu on järjestänyt"]),
    "perhesoppa": ({"any": {"parish"}}, ["Seurakunnan palveluista erityisesti"]),
    "kaikukortti": (
        {"any": {"wellbeing_services_county"}},
        ["Kortin voi saada useammasta eri Länsi-Uudenmaan hyvinvointialueen sosiaalipalveluiden"],
    ),
    "website_translation": (
        {"any": {"city_communications"}},
        ["tekoälyyn perustuva VoiceIntuitive käännöspalvelu"],
    ),
}


def test_every_service_is_checked_against_the_programme(catalogue):
    table_services = {service_id for _, service_id, _ in TABLE_ROWS}
    assert set(catalogue.services) == set(PROGRAMME_PROVIDERS) | table_services


@pytest.mark.parametrize("service_id", sorted(PROGRAMME_PROVIDERS))
def test_providers_per_target_group_match_the_programme(catalogue, seed_text, service_id):
    expected, quotes = PROGRAMME_PROVIDERS[service_id]
    flat = _flat(seed_text)
    for quote in quotes:
        assert _flat(quote) in flat, f"{service_id}: not in the programme: {quote}"
    service = catalogue.services[service_id]
    assert {group: set(ids) for group, ids in service.providers.items()} == expected
    groups = {"job_seeker", "outside_labour_force"} if "any" in expected else set(expected)
    assert set(service.target_groups) == groups
    assert all(service.how_to_for(group) for group in groups), "a group has no way there"


def test_arbis_is_named_in_the_description_not_as_a_provider(catalogue):
    service = catalogue.services["swedish_integration"]
    assert all("arbis" not in ids for ids in service.providers.values())
    for language in LANGUAGES:
        assert "Arbi" in service.description[language], language  # fi: Arbiksessa


def test_what_the_programme_says_only_of_job_seekers_is_said_of_them(catalogue):
    civic = catalogue.services["civic_orientation"]
    remote = next(fact for fact in civic.facts if "etänä" in fact["fi"])
    assert remote["fi"].startswith("Työnhakijoiden orientaatio")
    assert remote["en"].startswith("The job seekers' orientation")
    literacy = catalogue.services["literacy_training"].description["fi"]
    assert "kotoutumisajalla" in literacy and "kotoutumisvaihe" not in literacy


def test_job_seekers_are_not_told_to_phone_an_unknown_number(catalogue):
    how_to = catalogue.services["guidance_counselling"].how_to["job_seeker"]
    assert "puhelimitse" not in how_to["fi"] and "by phone" not in how_to["en"]
    for language in LANGUAGES:
        assert "Iso Omena" in how_to[language]
        assert "nina.reis@kauniainen.fi" in how_to[language]  # the coordinator's address


def test_each_target_group_has_a_for_whom_phrase_that_is_not_its_label(catalogue):
    """The phrase continues "this service is for …": lower case, not the capitalised label;
    in Arabic it carries the preposition (لل…)."""
    for group in catalogue.target_groups.values():
        for language in LANGUAGES:
            phrase = group.for_whom[language]
            assert phrase.strip() and phrase != group.name[language], (group.id, language)
            if language == "ar":
                assert phrase.startswith("لل"), (group.id, phrase)
            else:
                assert phrase[0].islower(), (group.id, language, phrase)


def test_every_detail_cites_an_existing_seed_section(catalogue, seed_text):
    cited = 0
    for service in catalogue.services.values():
        for topic, detail in service.details.items():
            for ref in detail.seed.split(", "):
                cited += 1
                number = ref.lstrip("§")
                assert ref == "Vastuutaulukko" or re.search(rf"(^|\n)\s*{number}\. ", seed_text), (
                    f"{service.id}.{topic}: {ref}"
                )
    assert cited >= len(catalogue.services)


def test_a_detail_on_an_unknown_topic_or_too_long_is_refused(tmp_path):
    broken = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, broken)
    path = broken / "services" / "perhesoppa.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["details"]["parking"] = {"seed": "§7", "text": data["details"]["schedule"]["text"]}
    data["details"]["schedule"]["text"]["en"] = "word " * 61
    data["details"]["eligibility"]["seed"] = "page 3"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(broken)
    message = str(raised.value)
    assert "field details.parking: unknown topic" in message
    assert "field details.schedule.text: 'en' has 61 words, at most 60" in message
    assert "field details.eligibility.seed: must cite seed sections" in message


def test_services_meet_one_need_for_two_groups_only_when_each_offers_the_other(catalogue):
    by_id = catalogue.services
    assert by_id["integration_training"].meets_the_same_need_as(by_id["s2_with_childcare"])
    assert by_id["job_search_help"].meets_the_same_need_as(by_id["career_guidance"])
    # The language test offers the S2 classes to parents at home; they do not offer the test.
    assert not by_id["language_level_test"].meets_the_same_need_as(by_id["s2_with_childcare"])


def test_a_need_is_met_for_each_group_by_the_service_or_what_is_offered_instead(catalogue):
    training = catalogue.services["integration_training"]
    assert training.for_group("job_seeker") == "integration_training"
    assert training.for_group("outside_labour_force") == "s2_with_childcare"
    assert catalogue.services["kaikukortti"].for_group("outside_labour_force") == "kaikukortti"


def test_the_integration_plan_typed_in_cyrillic_with_one_n_is_named(catalogue):
    # "котоутумиссуунитэльма", as heard: one "н" fewer than the Finnish spelling
    text = "меня позвали на встречу насчет котоутумиссуунитэльмы, что это?"
    assert [s.id for s in catalogue.services_named(text)] == ["integration_plan"]


def test_integration_training_is_named_as_newcomers_shorten_it(catalogue):
    # "коту-курс": the Finnish "kotoutumiskoulutus" shortened, in Cyrillic
    training = catalogue.services["integration_training"]
    story = "в TE-токимисто мне сказали идти на коту-курс. а что это вообще такое?"
    assert [s.id for s in catalogue.services_named(story)] == ["integration_training"]
    assert catalogue.names_service(training, "а на кото-курс як потрапити?")
