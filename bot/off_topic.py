"""Topics no integration service is about, named in so many words, in the six languages.

The classifier learns `out_of_scope` from examples, and a message about the weather or a
recipe that shares a word with a service question ("сколько голов забил за карьеру" with
"карьера", "mitä voisin tehdä ruoaksi" with "mitä voisin tehdä") is read as that service or
as a follow-up ("when", "how much"). These words say the topic plainly: the weather, cooking,
a command to a home device, a sports result, taxes, a joke, the assistant's age, the time of
day, chatting with the assistant, a program to write. A child's
hobby ("где дети могут заниматься футболом?") is a family service, not a sports result; a
business's taxes are for the business advice; a message that names a service is about it.
"""

from __future__ import annotations

import re

# Lower-cased message; diacritics optional where newcomers drop them.
_TOPICS: dict[str, tuple[str, ...]] = {
    "weather": (
        r"\bsää(?:tä|n|ennuste\w*|tiedot\w*)?\b|\bsataako\b|\bsataa\b|\blunta\b|\blumisade"
        r"|\btulee(?:ko|ks)?\b(?: \w+){0,3} vettä\b|\bliukk\w*"
        r"|\bpakkas\w*|\blämpötila|\bukkos\w*|\bliukasta\b|\bsateenvarjo\w*|\btuulee\w*|\btuuli(?:nen|sta)?\b",
        r"\bväder\w*|\bregn(?:a|ar|ar det)\b|\bsnö(?:a|ar)?\b|\bminusgrader|\bhalka\b|\båska\b"
        r"|\bgrader (?:\w+ )?(?:kallt|varmt|ute)\b|\bhur många grader\b|\b(?:kallt|varmt) ute\b"
        r"|\bblås(?:er|igt)\b|\bparaply\w*",
        r"\bweather\b|\bforecast\b|\brain(?:ing|y)?\b|\bsnow(?:ing|y)?\b|\btemperature\b"
        r"|\bicy\b|\bthunderstorm|\bumbrella\b|\bhow many degrees\b"
        r"|\bdegrees (?:\w+ ){0,3}outside\b|\b(?:cold|warm|hot|freezing) (?:is it )?outside\b",
        r"\bпогод(?:а|ы|у|ой|е)\b|\bдожд\w*|\bснег\w*|\bгололед\w*|\bгололёд\w*|\bгроз[аы]\b"
        r"|\bпотеплеет|\bпохолодает|\bзонт\w*|\bсколько градусов\b|\bкогда (?:уже )?весна\b"
        r"|\bвесна начн\w*|\bначн[её]тся весна",
        r"\bпогод(?:а|и|у|ою|і)\b|\bдощ\w*|\bсніг\w*|\bожеледиц\w*|\bгроз[аи]\b"
        r"|\bпотеплішає|\bпохолодає|\bпарасольк\w*|\bвесна почн\w*|\bпочнеться весна",
        r"طقس|(?:^|\s)الجو(?:\s|$)|(?:^|\s)(?:ال)?مطر(?:\s|$)|تمطر|(?:^|\s)(?:ال)?[تث]لج(?:\s|$)"
        r"|درجة الحرارة|درجات الحرارة|عاصفة",
    ),
    "cooking": (
        r"\breseptin?\b|\bresepti\w*|\bruo(?:a|u)ksi\b|\bjauhelih\w*|\bleivo\w*|\bkakku\w*"
        r"|\bkeite(?:tään|taan)\b|keiton ohje|\blasagne\w*|\bkananmun\w*|\buunissa\b",
        r"\brecept\w*|\bbaka\b|\blaga mat\b|\bkanelbull\w*|\btårta\b|\bjäst\b|\bugnstemp\w*"
        r"|\bi ugnen\b"
        r"|\b(?:lax|ärt|fisk|kött|tomat|svamp|grönsaks)soppa\b",
        r"\brecipes?\b|\bbak(?:e|ing)\b|\bcook(?:ing)? (?:dinner|rice|pasta|chicken)"
        r"|\bingredients\b|\bdinner ideas\b|\bin the oven\b|\boven temperature\b|\bborscht?\b",
        r"\bрецепт\w*|\bприготовить\b|\bиспечь\b|\bзапеканк\w*|\bборщ\w*|\bингредиент\w*"
        r"|\bдуховк\w*",
        r"\bрецепт\w*|\bприготувати\b|\bспекти\b|\bборщ\w*|\bінгредієнт\w*|\bгречк\w*"
        r"|\bдуховц\w*|\bдуховк\w*",
        r"(?:^|\s)وصف[ةه](?:\s|$)|طبخة|طبخه|اطبخ|أطبخ|كيكة|كيكه|منسف|مقلوبة|مكونات|فتوش"
        r"|كشري|بامية|باميه|ملوخية|ملوخيه|محشي|ورق عنب|كرنب|(?:تعمل|اعمل|أعمل|نعمل) كبة"
        r"|(?:ال)?عجين[ةه]? (?:\S+ )?(?:لت|لي|ت|ي)?(?:خمر|ختمر)|[تي]ختمر"
        r"|يستوى|يستوي|(?:^|\s)(?:بال|ال)?فرن(?:\s|$)",
    ),
    "clock": (
        r"\bpaljonko kello on\b|\bmitä kello on\b|\bvad är klockan\b|\bvad ar klockan\b"
        r"|\bкоторый час\b|\bкотра година\b(?! почина)|\bwhat time is it (?:in|now)\b",
    ),
    "device": (
        r"\bsoita (?:äidille|isälle|siskolle|veljelle|vaimolle|miehelle)\b"
        r"|\bostoslist\w*|\bsammuta\b|\bsytytä\b|\bvalot (?:päälle|pois)\b|\bherätys\w*"
        r"|\bajastin\w*|\bäänenvoimakkuu\w*|\bimuri\w*",
        r"\bring (?:min|mitt|mina) (?:syster|bror|mamma|pappa|fru|man|vän|kompis)\b"
        r"|\binköpslist\w*|\bhandlingslist\w*|\bsläck\b|\btänd (?:lampan|ljuset)\b"
        r"|\bväckarklock\w*|\bdammsugar\w*|\bvolymen\b",
        r"\bcall my (?:brother|sister|mother|mom|mum|dad|father|wife|husband|friend)\b"
        r"|\bshopping list\b|\bturn (?:on|off) the\b|\bswitch (?:on|off) the\b"
        r"|\bset (?:an? )?(?:alarm|timer)\b|\bthe volume\b|\bthermostat\b|\bvacuum\b",
        r"\bпозвони (?:маме|папе|сестре|брату|жене|мужу)\b"
        r"|\bсписок покупок\b|\bсписка покупок\b|\bвыключи\b|\bвключи (?:свет|музык\w*|песн\w*)"
        r"|\bбудильник\w*|\bтаймер\w*|\bгромкост\w*|\bпылесос\w*|\bкондиционер\w*",
        r"\bподзвони (?:мамі|татові|сестрі|братові|брату|дружині|чоловікові)\b"
        r"|\bсписок покупок\b|\bсписку покупок\b|\bвимкни\b|\bувімкни\b|\bввімкни\b|\bбудильник\w*"
        r"|\bтаймер\w*|\bгучн(?:ість|іше)\b|\bпилосос\w*|\bкондиціонер\w*",
        r"(?:^|\s)(?:طفي|اطفي)(?:\s|$)|(?:^|\s)شغل (?:الضو|الاغاني|الأغاني|الموسيقى|المكيف)"
        r"|الضو(?:\s|$)|منبه|قائمة المشتريات|ليستة المشتريات|المكيف|المكنسة",
    ),
    "sports": (
        r"\bveikkausliig\w*|\bottelu\w*|\bmaalin\b|\bmaaleja\b|\bmm-kis\w*|\bnhl\b|\bformula\b"
        r"|\b(?:talvi|kesä)?olympialai\w*|\bleijonat\b|\bnyrkkeil\w*|\b\w+-mm\b",
        r"\bveikkausliig\w*|\btabellen\b|\bmatchen\b|\bnhl\b|\bformel 1\b|\b(?:vinter|sommar)-?os\b"
        r"|\bolympiska spel\w*|\btre kronor\b|\bboxning\w*|\b\w+-vm\b|\btour de france\b",
        r"\bthe match\b|\bleague\b|\bworld cup\b|\bformula 1\b|\bnhl\b|\bnba\b|\bolympics\b"
        r"|\bolympic games\b|\bboxing\b|\btour de france\b|\bel cl[aá]sico\b",
        r"\bматч\w*|\bголов\b|\bчемпионат\w*|\bсборн\w*|\bформул\w* 1\b|\bолимпиад\w*"
        r"|\bхокке\w*|\bбокс\w*|\bлиг[аиеу]\b|\bтрансляци\w*|\bбо[йя]\b|\bна ринг\w*",
        r"\bматч\w*|\bголів\b|\bчемпіонат\w*|\bзбірн\w*|\bформул\w* 1\b|\bолімпіад\w*"
        r"|\bхоке\w*|\bбокс\w*|\bбі[йю]\b|\bбою\b|\bлі[гз][аиіу]\b|\bпрем['’]?єр-ліг\w*|\bтрансляці\w*"
        r"|\bна ринг\w*",
        r"مباراة|مباراه|ماتش|الدوري|كاس العالم|كأس العالم|الفورمولا|فورمولا|اولمبياد|أولمبياد"
        r"|الاولمبية|الأولمبية|هوكي|ملاكمة|ملاكمه",
    ),
    "taxes": (
        r"\bverokort\w*|\bveroilmoitu\w*|\bveronpalautu\w*|\bverottaja\w*|\bskattekort\w*"
        r"|\bdeklaration\w*|\bskatteåterbäring\w*|\btax (?:return|card|refund)s?\b|\bvat\b"
        r"|\balv\b|\balv-\w*|\bндс\b|\bпдв\b|\bperintöver\w*|\bperintover\w*|\bveroa\b|\bveroja\b"
        r"|\barvsskatt\w*|\binheritance tax|\bw-?8\s?ben\b|\bброкер\w*|\bbroker\b"
        # taxes in another country ("do i still have to pay taxes in Poland?")
        r"|\bpay (?:\w+ )?tax(?:es)? in (?!finland|kauniainen|espoo|here)\w+"
        r"|\bналог\w*|\bподат(?:ок|ки|ку|ків|кова|кову)\b|\bєдин\w* внес\w*|\bподатков\w*"
        r"|\bдекларац\w*"
        r"|ضريب|الضرائب|ضرايب",
    ),
    "joke": (
        r"\bvitse\w*|\bvitsi\b|\bskämt\w*|\bskamt\w*|\bjokes?\b|\bанекдот\w*|\bшутк\w*"
        r"|\bжарт(?:и|ів|ик\w*)?\b|نكتة|نكته|نكت(?:\s|$)",
    ),
    "chat": (
        # chatting with the assistant about anything (not "I'm bored at home with the baby,
        # where can I meet other parents?", which asks for the family meeting places)
        r"\b(?:chat|talk)(?: to me)? about (?:anything|something|whatever)\b"
        r"|\bi'?m bored,? (?:talk|chat)"
        r"|\bjutel\w* (?:mistä|mista|jostain) (?:vaan|vain|tahansa)\b"
        r"|\bprata om (?:vad som helst|något annat|nåt annat|nat annat)\b"
        r"|\bпоболта\w* (?:о|об|про) (?:чем|чём|что)|\bпобалака\w* (?:про що|про щось|про будь)"
        r"|نحكي (?:عن )?(?:اي|أي) (?:شي|شيء)"
        # the assistant's name or talents ("как тебя зовут?", "can you sing?")
        r"|\bmikä (?:sun|sinun) nimi|\bvad heter du\b|\bwhat'?s your name\b|\bwhat is your name\b"
        r"|\bкак тебя зовут\b|\bяк тебе звати\b|شو اسمك|ما اسمك|ايش اسمك|\b(?:osaatko|kan du"
        r"|can you|ты умеешь|ти вмієш|ty vmiyesh|ty umeesh) (?:laulaa|tanssia|sjunga|dansa|sing"
        r"|dance|fall in love|петь|танцевать|влюбля\w*|співати|танцювати|закоху\w*|spivaty)"
        # a date with the assistant ("ты бы со мной на свидание пошел?", "are you single?")
        r"|\bare you single\b|\bна свидание\b|\bна побачення\b|\bträffa mig på en dejt\b",
    ),
    "code": (r"\bjavascript\b|جافاسكربت|جافا سكربت",),
    "age": (
        r"\bkuinka vanha (?:sä|sinä|olet)\b|\bhur gammal är du\b|\bhow old are you\b"
        r"|\bсколько тебе (?:лет|годиков)\b|\bскільки тобі (?:\w+ )?(?:років|рочків)\b"
        r"|\b(?:тобі|тебе) скільки (?:років|рочків)\b|\bтебе сколько (?:лет|годиков)\b"
        r"|\bskilky tobi rokiv\b|\bskolko tebe let\b|كم عمرك|قديش عمرك|شو عمرك",
    ),
}
_COMPILED = {
    topic: re.compile("|".join(patterns), re.IGNORECASE) for topic, patterns in _TOPICS.items()
}
# A child's hobby is a family service ("футбол для детей", "lasten harrastukset"), TalentMatch
# a recruitment event ("تالنت ماتش"); baking to sell is a business ("leivon kakkuja ja haluun
# myydä niitä").
_NOT_THIS_TOPIC = {
    "sports": re.compile(
        r"\b(?:lapse\w*|lapsi|lasten|lapsia|poika\w*|tytt[äö]\w*|barn\w*|kids?|child\w*|son"
        r"|daughter|дет\w*|реб[её]н\w*|сын\w*|доч\w*|діт\w*|дитин\w*|син\w*|донь\w*)\b"
        r"|طفل|اطفال|أطفال|ولاد|اولاد|ابني|بنتي|talent|талент|تالنت"
    ),
    "taxes": re.compile(
        r"\b(?:yrit\w*|toiminim\w*|firm\w*|företag\w*|company|business\w*|shop|sole trader"
        r"|start\w*|open\w*|бизнес\w*|фирм\w*|компани\w*|ип|бізнес\w*|фірм\w*|фоп)\b"
        r"|شرك|مشروع|محل",
    ),
    "cooking": re.compile(
        r"\bmyy\w*|\bsell\w*|\bsälj\w*|\bsalj\w*|\bпрода\w*|(?:^|\s)(?:بيع|ابيع|أبيع)"
    ),
}


# ... unless these words say the topic after all: a foreign company's taxes are no business
# advice of the city's ("tarviiko ulkomaisen yrityksen rekisteröityä alv-velvolliseksi
# Norjassa", "شركة offshore بقبرص").
_STILL_THIS_TOPIC = {
    "taxes": re.compile(
        r"\bulkomai\w*|\bforeign\b|\babroad\b|\butländsk\w*|\butlandsk\w*|\butomlands\b"
        r"|\bиностран\w*|\bза границ\w*|\bзарубеж\w*|\bіноземн\w*|\bза кордон\w*|\boffshore\b"
        r"|أجنبي\w*|اجنبي\w*|بالخارج"
    ),
}


def off_topic(text: str) -> str | None:
    """The out-of-domain topic a message names plainly ("weather", "cooking", "device",
    "sports", "taxes", "joke", "age", "clock", "chat", "code"), if any; not a child's sports hobby,
    TalentMatch, baking to sell or a business's taxes (a foreign company's are)."""
    lowered = text.lower()
    for topic, pattern in _COMPILED.items():
        if pattern.search(lowered):
            unless, still = _NOT_THIS_TOPIC.get(topic), _STILL_THIS_TOPIC.get(topic)
            if unless is not None and unless.search(lowered):
                if still is None or not still.search(lowered):
                    continue
            return topic
    return None
