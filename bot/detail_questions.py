"""What a short question asks about a service, in so many words, in every language.

A newcomer asks "how much is it?", "can my husband come too?", "is it in Russian?" about the
service just answered. These words say which detail (a topic of DETAIL_TOPICS) is asked: the
rules after the classifier read them (bot/nlu/rules.py), the answers use them for a question
that names a service and a detail (bot/answers.py), and the actions read a question about
the service in context with them (bot/actions/services.py). The conversation's language is
not needed: people mix languages.
"""

from __future__ import annotations

import re

from bot.languages import (
    ARABIC_OR_WORDS,
    OR_WORDS,
    asks_about_a_language,
    learns_without_naming_a_medium,
    named_languages,
    names_a_medium,
    typed_in_latin_letters,
)
from bot.spelling import compile_tolerant
from bot.transliteration import read_text_in_cyrillic


def _table(patterns: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(topic, pattern) pairs compiled, in order: the first that matches tells the topic."""
    return tuple((topic, compile_tolerant(pattern)) for topic, pattern in patterns)


# Words that ask about one detail of a service, in every language (the conversation's language
# is not needed: people mix them). A message naming a service and asking one of these ("is the
# kaikukortti free?", "missä S2-kurssi on?", "сколько стоит Kaikukortti?") is answered with the
# detail, not the first answer. Narrow on purpose: "where can I learn Finnish?" asks for the
# service, not its address, so the table keeps to phrases that only ask the detail. Topics are
# tried in this order; eligibility, signup and childcare are left out, the first answer tells.
_TOPIC_WORDS = _table(
    (
        (
            # An amount of time, asked with the words that also ask a price ("how much time",
            # "сколько часов", "قديش بياخد وقت"): tried before the cost.
            "schedule",
            r"\bhow (?:much time|many (?:hours|weeks|months|days|times))\b"
            r"|\b(?:montako|kuinka monta|monta) (?:tuntia|viikkoa|kuukautta|päivää|kertaa)"
            r"|\bpaljonko aikaa|\bhur (?:mycket tid|många (?:timmar|veckor|månader|dagar|gånger))"
            # hours a week, and how long a meeting is ("paljonko tunteja viikossa pitää olla",
            # "kuinka pitkä se tapaaminen on?")
            r"|\b(?:tuntia|tunteja) (?:viikossa|päivässä)|\btimmar (?:i|per) (?:veckan|dagen)"
            # "paljonko viikossa pitää olla tunteja", "багато часу забирає, день чи більше?"
            r"|\bpaljonko (?:\w+ )?viikossa\b|\bviikossa (?:\w+ ){0,3}tunte"
            r"|\b(?:багато|скільки) часу (?:забирає|займає)|\bмного времени (?:занимает|забирает)"
            r"|\bday or (?:more|longer)\b|\bdag eller (?:mer|längre)\b|\bденб? (?:чи|или) більше"
            r"|\bhours (?:a|per) (?:week|day)\b"
            # how much one studies a week ("hur mycke måste man studera per vecka")
            r"|\bhur mycke\w* (?:\w+ ){0,4}(?:per|i) veck\w*"
            r"|\bhow much (?:\w+ ){0,4}(?:per|a) week\b"
            r"|\bчасов в (?:неделю|день)\b"
            r"|\bгодин (?:на|в) (?:тиждень|день)\b"
            # open on a weekday, a whole day or an hour, when one may come ("e dom öppna på
            # lördagar?", "tar det en hel dag eller bara nån timme?", "а коли туди можна прийти?")
            r"|\böppna på \w+dag(?:ar|en)?\b|\ben hel dag\b|\bnån timme\b|\bnågon timme\b"
            r"|\bhela (?:dagen|dan)\b"
            r"|\ba whole day\b|\bkoko päivä(?:n)?\b|\bpari tuntia\b|\bцелый день\b|\bцілий день\b"
            r"|\b(?:takes?|lasts?) (?:a |the )?whole day\b|\bcouple (?:of )?hours\b|\bweekdays?\b"
            # does it take long ("а ця оцінка довго триває?", "tar det länge?")
            r"|\bдовго трива\w*|\bдолго (?:длится|идёт|идет)\b|\bзаймає багато часу"
            r"|\btar (?:det|den) länge\b|\btakes? (?:a )?long\b|\bkestääkö (?:se )?kauan\b"
            r"|\b(?:коли|когда)\b(?:\s+\S+){0,2}\s+(?:можна|можно)(?: \S+)?"
            r" (?:прийти|приходити|приходить)"
            # not how far or how tall ("kuinka pitkä matka on", "kuinka pitkä on Eiffel-torni")
            r"|\bkuinka pitk[äa]\b(?!\s+(?:matka|on (?!se\b|ne\b|kurssi|koulutus|testi)))"
            r"|\bсколько (?:часов|времени|недель|месяцев|дней|раз)\b"
            r"|\bсколько\b.{0,15}\bпо времени\b"
            r"|\bскільки (?:годин|часу|тижнів|місяців|днів|разів)\b"
            r"|\bскільки\b.{0,15}\bза часом\b"
            r"|\bskolko (?:chasov|vremeni|nedel|mesyats)|\bskilky (?:hodyn|chasu|tyzhn)"
            r"|(?:قديش|قداش|شگد|شكد|كم|كام|قد ايه|اد ايه|شحال)\s*(?:\S+\s+){0,2}"
            r"(?:وقت|ساعة|ساعه|ساعات|أسبوع|اسبوع|شهر|يوم|مدة|مده)"
            r"|كل (?:قديش|قداش|كم|اد ايه|أد ايه|قد ايش)"
            # "شكد يطول الكورس؟": how long it lasts
            r"|(?:قديش|قداش|شگد|شكد|كم|كام|اد ايش|قد ايش) (?:بي|ب|ي|ت|بت)?طول"
            r"|(?:قديش|قداش|شكد|كم|كام) (?:مدته|مدتها|المدة|المده)"
            # "w hayda bya5od wa2t kteer?": does it take long
            r"|(?:بياخد|بتاخد|بياخذ|بتاخذ|ياخد|ياخذ) (?:شي )?وقت",
        ),
        (
            # signing up first, or just coming ("записываться заранее надо или можно просто
            # прийти?", "ولازم اسجل قبل ولا اروح على طول؟"): tried before the walk-in of a referral
            "signup",
            r"(?:записыв|записат|записув|ilmoittau|ilmottau|anmäl|sign up|register|اسجل|أسجل"
            r"|نسجل|التسجيل)\S*.{0,30}(?:\b(?:или|чи|або|vai|eller|or)\b|(?:^|\s)(?:ولا|او|أو)\s)"
            r".{0,30}(?:\b(?:just|straight|suoraan|vaan|bara|direkt|просто|сам|сама)\b"
            r"|على طول|مباشرة|مباشره|لحالي)",
        ),
        (
            "referral",
            r"\blähet(?:e|te)|\bremiss|\breferral|\brefer me\b|направлени|направлен"
            r"|направ(?:ит|ят|ля)|скерува\w*|скерую\w*|إحالة|احالة|\bskicka(?:r)? (?:mig|mej)\b"
            r"|\bsend me there\b"
            # someone to send me, or coming by oneself ("треба щоб мене хтось туди направив чи
            # можна самій прийти?"); not "меня направили", a referral already made
            r"|\b(?:щоб|чтобы?) (?:\S+ ){0,3}направ\w*"
            r"|\b(?:или|чи)\b.{0,20}\bсам\w* (?:прийти|пойти|піти|прийду|приходить)\b"
            # "لازم تحويل من مكتب العمل ولا بقدر اروح لحالي؟": a referral, or going on one's own
            r"|تحويل|يحولني|يحولوني|تحولني|بيحولني|بيحولوني"
            r"|(?:اروح|أروح|بروح|نروح|اجي|أجي|بجي) (?:لحالي|وحدي|بنفسي|مباشرة|مباشره|على طول)"
            r"|\blähettää minut"
            # the office to direct me there, or straight there ("pitääkö työkkärin ohjata mut
            # sinne vai voiko mennä suoraan")
            r"|\bohja(?:ta|amaan)? (?:mut|minut|meidät)\b|\bmennä suoraan\b"
            # or may one come without ("can I just show up?", "voiko vaan mennä paikalle?")
            r"|\bjust (?:show up|walk in|turn up)\b|\bvoi(?:ko|nko) (?:vaan|vain|suoraan) mennä"
            r"|\b(?:or (?:i|we) (?:can|could)|(?:can|could) (?:i|we)) just go\b"
            r"|\bbara (?:komma|dyka upp|gå dit)\b|\bпросто (?:прийти|прид[уё]|приходить)"
            r"|\bпросто (?:прийти|піти|приходити)",
        ),
        (
            "cost",
            r"\bpaljonko\b|\bmaksaa(?:ko|ks)?\b|\bmaksullinen|\bhinta|\bkostar\b|\bkostnad"
            # a bill afterwards, or to fork out ("blir det nån räkning efteråt?", "punga ut")
            r"|\br[äa]kning\b|\bpunga ut|\bpulitta\w*"
            r"|\bavgift|\bhow much\b(?! (?:hours|weeks|days|months|time)\b)|\bcosts?\b|\bprice\b"
            # to pay, not taxes ("måste jag betala skatt i Polen": out of the domain)
            r"|\bfees?\b|\b(?:måste|behöver) (?:ja|jag|man|vi) betala\b(?! (?:\w+ )?skatt)"
            r"|\b(?:have|need) to pay\b(?! (?:\w+ )?tax)"
            r"|\bсколько (?:\w+ )?стоит|\bпоч[её]м\b|\bскока (?:\w+ ){0,2}стоит"
            r"|\bстоимость|\bцена\b|(?:надо|нужно|ли) платить|\bплатить (?:надо|нужно|придётся)\b"
            r"|\bзаплатить|\bskolko stoit"
            # "сколько с нас за эти уроки возьмут, или даром?": how much they take
            r"|\bсколько\b.{0,25}\b(?:возьмут|берут)\b|\bдаром\b"
            r"|\bскільки\b.{0,25}\b(?:візьмуть|беруть)\b|\bзадарма\b"
            r"|\bскільки коштує|\bкоштує\b|\bвартість|\bціна\b|(?:треба|потрібно) платити"
            r"|\bзаплатити|\bденег\b|\bденьги\b|\bпо деньгам|\bгрошей\b|\bгроші\b|\bпо грошах"
            r"|تكلف|(?:بي|ي)كلف|كلفة|تكلفة|بكم\b|بكام\b|كم سعر|كام سعر|كم حق|رسوم"
            r"|لازم ادفع|لازم أدفع"
            # Maghrebi "و شحال الثمن؟" (and how much is the price?)
            r"|شحال|(?:^|\s)و?(?:ال)?ثمن(?:ه|ها)?(?=$|\s|[؟?])"
            r"|(?:قديش|قداش|كم|كام) (?:حقه|حقها|سعره|سعرها|ثمنه|ثمنها)|(?:حقه|حقها|سعره|سعرها) كام",
        ),
        (
            "teaching_language",
            r"\bmillä kiel|\bopetuskiel|på vilket språk|\bin (?:what|which) language"
            r"|\bwhat language is\b|\bwhat language\s*\??\s*$|\bна каком языке|\bна каких языках"
            r"|\bякою мовою|\bякими мовами"
            r"|بأي لغة|بأي لغه|بانهي لغة|أي لغة|اي لغة|(?:شو|ايش|إيش) (?:اللغة|لغته|لغتها)"
            # the other languages it is given in ("vilka andra språk finns?")
            r"|\bin other languages\b|\bmuillakin kielillä\b|\bmuilla kielillä\b|\bpå andra språk\b"
            r"|\bна других языках\b|\bіншими мовами\b|بلغات (?:تانية|ثانية|اخرى|أخرى|تانيه)"
            r"|\bmillä muilla kiel|\bvilka (?:andra )?språk|\bwhich other languages"
            r"|\bwhat other languages\b(?! (?:do|can|could) (?:you|u)\b)"
            # the language of teaching, named ("а мова навчання може бути англійська?")
            r"|\bмов[аиоу]\w* (?:навчання|викладання)\b|\bязык\w* (?:обучения|преподавания)\b"
            r"|\bundervisningsspråk|\blanguage of (?:instruction|teaching)\b|\bteaching language\b"
            r"|(?:لغة|لغه) (?:التدريس|الدراسة|الدراسه|التعليم)"
            r"|\bкакие (?:ещё |еще |другие )?языки|\bякі (?:ще |інші )?мови|اي لغات|أي لغات"
            # an interpreter there ("voiko siellä olla tulkki mukana?")
            r"|\btulk(?:ki|in|kia|kaus|kauksen)\b|\btolk(?:en)?\b|\binterpreter|переводчик"
            r"|перекладач|مترجم",
        ),
        (
            "schedule",
            r"\bkauanko\b|\bkuinka kauan|\bkauan (?:se|ne|tää|tämä) kest|\bkuinka usein"
            r"|\bhow much (?:hours|weeks|days|months)\b"
            r"|\bkuinka monesti\b|\bmontako kertaa\b"
            r"|\bmill(?:oi|o)n (?:se )?alkaa|\bmihin aikaan"
            r"|\baikataulu|\bhur l[äa]nge|\bhur lång (?:är|e)\b|\bhur ofta"
            r"|\bnär (?:börjar|träffas|hålls|ordnas)"
            r"|\bvilka tider|\bhow long\b|\bwhen will (?:be )?(?:the )?next\b"
            # when the next time is ("när e nästa gång dom ordnar det"), not the next match
            r"|\bnär (?:e|är|ar|blir) (?:det )?nästa gång\b|\bwhen(?:'s| is) the next time\b"
            r"|\b(?:milloin|koska) (?:on )?seuraava kerta\b"
            r"|\bкогда (?:будет )?следующий раз\b|\bколи (?:буде )?наступний раз\b"
            # how often they take place ("мероприятия у них часто проходят?")
            r"|\bчасто (?:\S+ )?(?:проход|бывают|собира|встреча)"
            r"|\b(?:проход|бывают|собира|встреча)\w* (?:\S+ )?часто\b"
            r"|\bчасто (?:\S+ )?(?:прохо|бувають|збира|зустріча)"
            r"|\b(?:прохо|бувають|збира|зустріча)\w* (?:\S+ )?часто\b"
            # when it starts or takes place ("and when the next one starts", "когда эти
            # консультации проходят?")
            r"|\bwhen\b(?:\s+\S+){0,3}\s+(?:starts?|begins?|takes? place|meets?)\b"
            r"|\bкогда\b(?:\s+\S+){0,3}\s+(?:проход|бывают|собира|начина)"
            r"|\bколи\b(?:\s+\S+){0,3}\s+(?:прохо|бувають|збира|почина)"
            r"|\bmilloin\b(?:\s+\S+){0,3}\s+(?:alkaa|alkavat|järjestetään|pidetään|kokoontuu)"
            r"|\bnär\b(?:\s+\S+){0,3}\s+(?:börjar|träffas|hålls|ordnas)\b"
            r"|\bhow often\b|\bwhat time\b|\bwhen (?:does|do|is|are)\b|\bschedule|\btimetable"
            r"|\bна (?:какой|який) (?:срок|термін)\b"
            r"|\bкак долго|\bсколько длится|\bкак часто|\bкогда начина|\bво сколько|\bрасписани"
            r"|\bкогда (?:начало|старт)\b|\bколи (?:початок|старт)\b"
            r"|\bяк довго|\bскільки триває|\bяк часто|\bколи почина|\bо котрій|\bрозклад"
            r"|متى|قديش بتطول|قديش بيطول|كم مدة|كم مرة|مواعيد|وقتيش|وقتاش"
            # how often: every week ("وهالمجموعات كل اسبوع ولا كيف؟", "varje vecka eller mer
            # sällan?")
            r"|كل (?:اسبوع|أسبوع|جمعة|جمعه|شهر)|اسبوعيا|أسبوعيا|\bvarje vecka|\bvarannan vecka"
            r"|\bjoka viikko|\bviikoittain|\bevery week\b|\bweekly\b|\bкаждую неделю|\bраз в неделю"
            r"|\bщотижня|\bкожного тижня|\bраз на тиждень"
            # how long, in words of much time ("это много времени займет?")
            r"|\bмного времени|\bсколько времени|\bбагато часу|\bскільки часу"
            # the day or the opening hours ("onko se auki lauantaisin", "vilken dag är det öppet?")
            # but "open to everyone" asks who may come
            r"|\bminä päivänä|\bmina paivana|\bauki\b(?! kaikille| kenelle)|\baukiolo"
            r"|\bvilken (?:vecko)?dag|\bveckodag|\b[öo]ppet\b(?! för| for)|\bwhich days?\b"
            r"|\bwhat days?\b|\bday of the week\b|\bopen on\b|\bviikonpäiv|\bдень недели"
            r"|\bдень тижня"
            # "وده بيبقى انهي يوم في الاسبوع؟": which day of the week
            r"|(?:انهي|انهو|أنهي|اي|أي|اية|ايه) (?:يوم|ايام|أيام)|يوم في (?:الاسبوع|الأسبوع)"
            r"|\bopening hours|\bв какой день|\bв какие дни|\bпо каким дням|\bпо яких днях"
            r"|\bоткрыт\w*(?! для)|\bв який день"
            r"|\bв які дні|\bвідчинен\w*(?! для)|أي يوم|اي يوم|شو الايام|مفتوح(?![ةه]? ل)"
            r"|بيفتح|بتفتح",
        ),
        (
            "location",
            r"\bmissä\s+(?:\S+\s+){0,2}on\s*\??\s*$|\bmissä (?:\S+ ){0,2}sijait|\bosoite"
            r"|\bvar ligger"
            r"|\bvar (?:är|ar)\s+(?:\S+\s*){1,2}\??\s*$|\badress|\bwhere(?: is|'s| are)\b"
            r"|\baddress"
            r"|\blocated\b|\bгде (?:\w+ )?находит(?:ь)?ся|\bгде\b(?:\s+\S+){0,3}?\s+проход|\bадрес"
            r"|\bin (?:which|what) (?:place|town|city)\b|\bi vilken (?:stad|ort|stadsdel)\b"
            # which part of town ("i vilken stadsdel e den där skolan")
            r"|\bin (?:which|what) (?:part of (?:the )?town|district|neighbou?rhood)\b"
            r"|\bmissä kaupunginosassa\b|\bв каком районе\b|\bв якому районі\b"
            # somewhere else or here ("а ці курси десь у Гельсінкі чи можна тут, поруч?")
            r"|\b(?:у|в) \w+ (?:чи|или) (?:\w+ )?(?:тут|здесь|поруч|рядом)\b"
            r"|\bin \w+ or (?:here|nearby|close by)\b|\bi \w+ eller (?:här|nära)\b"
            r"|\b\w+(?:ssa|ssä) vai (?:täällä|tässä lähellä)\b"
            # the building, and where they would be ("i vilket hus e den undervisningen?")
            r"|\bi vilket hus\b|\bmissä rakennuksessa\b|\bin (?:which|what) building\b"
            # the office ("från vilket kontor hämtar man ut kortet?")
            r"|\bvilket kontor\b|\b(?:which|what) office\b|\bв каком офисе\b|\bв якому офісі\b"
            r"|\bmissä toimistossa\b|\bmistä toimistosta\b"
            r"|\bв каком здании\b|\bв якій будівлі\b|\bwhere would (?:the|these|those|they|it)\b"
            r"|\bде знаходиться|\bде\b(?:\s+\S+){0,3}?\s+проход|\bв якому місті|\bв каком городе"
            r"|\bгде (?:это|оно|она|он)\s*\??\s*$|\bгде-то\s*\?"
            # where one gets it ("a gde ee berut?", "var kan man få tag i ett sånt", "vart ska
            # jag gå för att hämta ut ett sånt kort?")
            r"|\bгде (?:\S+ )?берут\b|\bде (?:\S+ )?беруть\b"
            r"|\b(?:var|vart|varifrån)\b(?:\s+\S+){0,6}?\s+(?:få tag (?:i|på)|hämta(?:r)? ut)\b"
            # somewhere else or here, in Arabic ("بهلسنكي ولا هني؟")
            r"|(?:^|\s)(?:ب|في )\S+ (?:ولا|او|أو) (?:هون|هنا|هني|هين|قريب)(?=\s|$|[؟?،,])"
            # where to travel to it ("а фізично куди на ті шведські заняття їздити?"); not
            # "куда идти?", where to turn for a service
            r"|\bкуди\b(?:\s+\S+){0,5}?\s+(?:їздити|їхати)\b"
            r"|\bкуда\b(?:\s+\S+){0,5}?\s+(?:ездить|ехать)\b"
            r"|\bде (?:це|воно|вона|він)\s*\??\s*$"
            r"|(?:وين|فين|أين) (?:مكان|المكان|مكانه|مكانها)|أين يقع|أين تقع|العنوان"
            # "el kors da makano fein?": its place, where
            r"|(?:مكانه|مكانها|مكانو|مكانهم) (?:وين|فين|فينه|وينه)"
            r"|عنوان|وين موجود|بأي مكان|باي مكان|في اي مكان|في أي مكان",
        ),
    )
)


# "Free" asks about the cost only in a question ("is the kaikukortti free?", "безкоштовно?");
# "free tickets", "бесплатные курсы финского" ask for a service that is free.
_FREE = compile_tolerant(
    r"\bilmai|\bilmanen\b|\bmaksuton|\bgratis\b|\bfree\b|\bбесплатн|\bbesplatn|\bбезкоштовн|\bплатн"
    r"|مجان|ببلاش"
)
_YES_NO_QUESTION = compile_tolerant(
    r"[?؟]|\b(?:is|are|onko|onks|är|ли|чи)\b|^e\b|(?:^|\s)هل(?=\s)", re.IGNORECASE
)


# A question without a question mark: its first word asks ("voinko", "pääseekö", "can",
# "får", "можно", "чи", "هل").
_ASKING_FIRST_WORD = compile_tolerant(
    # after an "ok" or "and" that opens the message ("ok. kuka siihen voi osallistua")
    r"^\W*(?:(?:ok|okay|okei|okej|joo|juu|jaha|nå|well|so|а|и|і|ну|و)\W+)?"
    r"(?:\w+(?:ko|kö|ks)|kuka|ketkä|kenelle|keneltä|can|could|may|is|am|are|do|does|will|would"
    r"|who|kan|får|far|är|ar"
    r"|gäller|galler|kommer|vem|можно|могу|может|можем|можу|може|можемо|чи|хто|кто|هل|ممكن"
    r"|بقدر|بيقدر|بتقدر|بنقدر|مين)\b",
    re.IGNORECASE,
)


def is_a_question(text: str) -> bool:
    """Whether the message has a question mark (Latin or Arabic)."""
    return "?" in text or "؟" in text


def asks_something(text: str) -> bool:
    """Whether the message asks, with a question mark or a first word that asks; "я вдома з
    дітьми" asks nothing: it tells."""
    return is_a_question(text) or bool(_ASKING_FIRST_WORD.search(text))


# A longer message ("I have little money, can I go to the theatre for free?") tells a
# situation and asks for the service: the first answer serves it better than one detail.
MAX_WORDS_OF_A_DETAIL_QUESTION = 8
# A question about the service just answered, read as a service by the classifier, may say a
# little more ("а с ребенком что будет, пока я на уроке сижу?") and still ask one detail.
MAX_WORDS_OF_A_QUESTION_IN_CONTEXT = 12


def asked_topic(message: str, max_words: int = MAX_WORDS_OF_A_DETAIL_QUESTION) -> str | None:
    """The detail topic (of DETAIL_TOPICS) a short message asks about in so many words, if any:
    "is the kaikukortti free?" (cost), "missä S2-kurssi on?" (location)."""
    if len(message.split()) > max_words:
        return None
    lowered = message.lower()
    for topic, pattern in _TOPIC_WORDS:
        if pattern.search(lowered):
            return topic
        if topic == "cost" and _FREE.search(lowered) and _YES_NO_QUESTION.search(lowered):
            return topic
    return None


# "Can I come?", "are pensioners taken?", "мне так можно?", "مسموح اروح؟": who may take part,
# asked of the service in context, in so many words (lower-cased message).
WHO_MAY_TAKE_PART = compile_tolerant(
    "|".join(
        (
            # fi
            r"\b(?:kuka|ketkä|ketka)\b(?: \w+){0,3} (?:voi|voivat|saa|saavat|pääsee)\b"
            r"|\bonko (?:se|tää|tämä) (?:vain|vaan|pelkästään) \w+(?:ille|lle)\b|"
            r"\b(?:saako|saanko|saanks|saisinko|voiko|voinko|voiks|voinks|pääseekö|pääsenkö|paaseeko"
            r"|kelpaako|kelpaanko)\b.{0,15}\b(?:tulla|osallistua|mennä|menna|mukaan|käydä"
            r"|kayda|tehdä|tehda|saada)\b"
            # asked without the question suffix: "han voi tulla?"
            r"|\b(?:hän|han|se|mä|ma|minä|mina|me|he|mun \w+) (?:voi|voivat|voin|voidaan|saa"
            r"|saavat|saan|pääsee|paasee|pääsen) (?:tulla|osallistua|mukaan|mennä|menna)\b\s*\?"
            # "do I have to be unemployed?" ("onko siihen pakko olla työtön?")
            r"|\bonko (?:siihen |sinne |sitä varten |mun |minun )?pakko olla\b"
            r"|\b(?:pitääkö|pitaako|pitääks|pitaaks|täytyykö|taytyyko|täytyyks|tarviiko|tarviiks"
            r"|tarvitseeko) (?:mun |minun |sen "
            r"|hänen )?olla\b"
            # where one must live ("pitääks mun asua Espoossa et pääsee mukaan")
            r"|\b(?:pitääkö|pitaako|pitääks|pitaaks|täytyykö|täytyyks|tarviiko|tarviiks)"
            r" (?:mun |minun |meidän |hänen )?asua\b"
            # does it suit me, us ("sopiiko se mulle?")
            r"|\bsopi(?:iko|isko|sko) (?:se|tää|tämä|tuo|ne) (?:mulle|minulle|meille|hänelle)\b"
            # for whom it is ("kenelle se on tarkoitettu?")
            r"|\bkenelle\b(?: \w+){0,3} (?:on|myönnetään|annetaan|tarkoitettu|tarkotettu|sopii)\b"
            # may I, even though ("pääsenkö sinne vaikka en ole työtön")
            r"|\b(?:pääsenkö|pääseekö|paasenko|paaseeko|voinko|voiko|saanko|saako|pääseeks"
            r"|pääsenks|paaseeks|paasenks|voinks|voiks|saanks|saaks)\b.{0,30}\bvaikka\b",
            r"\b(?:får|far|kan) (?:jag|ja|man|hon|han|vi)\b.{0,30}\b(?:fast|även om|trots att)\b",
            r"\b(?:can|may|could) (?:i|she|he|we|my \w+)\b.{0,30}\b(?:even if|even though)\b",
            r"\bможно\b.{0,30}\bдаже если\b|\bнавіть якщо\b.{0,30}\bможна\b"
            r"|\bможна\b.{0,30}\bнавіть якщо\b|\bдаже если\b.{0,30}\bможно\b",
            r"(?:بقدر|اقدر|أقدر|ممكن|مسموح|بتقدر|تقدر|بيقدر|يقدر|ينفع|بينفع|تكدر|يكدر)\S*.{0,30}"
            r"(?:حتى لو|حتى اذا|حتى إذا)",
            # only some may ("а получить её могут тока пенсионеры?", "can only students get it?")
            r"\b(?:только|тока|лишь) [^\s,.?!]+(?: [^\s,.?!]+)? могут\b"
            r"|\bмогут (?:[^\s,.?!]+ )?(?:только|тока|лишь) [^\s,.?!]+"
            r"|\b(?:тільки|лише) [^\s,.?!]+(?: [^\s,.?!]+)? можуть\b"
            r"|\bможуть (?:[^\s,.?!]+ )?(?:тільки|лише) [^\s,.?!]+"
            # "а жителям кауниайнена это точно можно?": to residents, is it allowed
            r"|\b(?:жителям|жильцам|мешканцям|пенсионерам|пенсіонерам|студентам"
            r"|иностранцам|іноземцям)\b(?: \S+){0,3} (?:можно|можна)\s*\??\s*$"
            r"|\bonly \w+(?: \w+)? (?:can|may) (?:get|use|join|apply|go|attend)\b"
            r"|\b(?:can|may) only \w+(?: \w+)? (?:get|use|join|apply|go|attend)\b"
            r"|\b(?:bara|endast) \w+(?: \w+)? (?:som )?(?:kan|får|far)"
            r" (?:få|fa|delta|gå|komma|söka)\b"
            r"|\b(?:kan|får|far) bara \w+(?: \w+)? (?:få|fa|delta|gå|komma|söka)\b"
            r"|\b(?:vain|pelkästään) \w+(?: \w+)? (?:saa|saavat|voi|voivat|pääsee|pääsevät)\b"
            r"|\b(?:saako|saavatko|voiko|voivatko|pääseekö|pääsevätkö) (?:sen |sinne )?"
            r"(?:vain|pelkästään)\b",
            # sv
            r"\bvem (?:kan|får|far) (?:få|fa|delta|gå|ga|söka|soka|komma)\b|\bbara för\b|"
            r"\b(?:får|far|kan) (?:jag|ja|hon|han|vi|man|min \w+|mina \w+)"
            r"(?: också| ocksa| ändå| anda| fortfarande)? (?:komma|delta|gå|ga|vara med"
            r"|hänga med|hanga med|följa med|folja med)\b"
            r"|\b(?:måste|maste|måst|mast|behöver|behover) (?:man|jag|ja|hon|han|vi)"
            r" (?:vara|va|ha)\b"
            r"|\bvem (?:e|är|ar) det som (?:kan|får|far) (?:få|fa|delta|gå|ga|komma)\b"
            r"|\bför (?:de|dem|alla) som\b"
            r"|\bgäller (?:det|den|detta)(?: här| där)? (?:oss|mig|alla|även|också)\b"
            r"|\bpassar (?:det|den|detta) (?:mig|oss|henne|honom)\b"
            r"|\bför vem\b|\bvem (?:är|e) (?:det|den) (?:till )?för\b"
            r"|\b(?:måste|behöver) (?:man|jag|ja|vi) bo\b"
            # may she still start, though ("får hon ändå börja där?"); not when one may start
            r"|(?<!när )\b(?:får|far) (?:jag|ja|hon|han|vi|man)(?: också| ändå| anda)? börja\b"
            # who has the right to one ("vilka har rätt att få ett sånt")
            r"|\b(?:vem|vilka) har rätt (?:att|till)\b"
            # "får pappor komma dit ocksa": may fathers come too
            r"|\b(?:får|far) \w+ (?:också |ocksa |även )?(?:komma|delta|vara med|följa med)\b",
            # en: not "where can I go to learn Finnish?"
            r"(?<!where )(?<!how )(?<!what )\b(?:can|could|may) (?:i|she|he|we|they|my \w+)"
            r"(?: also| too| still)? (?:come|join|go|attend|take part|participate)\b"
            r"|\b(?:do|does) (?:i|you|one|she|he|we|they|my \w+) (?:have|need) to be\b"
            r"|\bmust (?:i|one) be\b"
            r"|\b(?:allowed|eligible)\b|\bwho can (?:get|join|attend|take part|apply|go)\b"
            r"|\bis it only for\b|\bdoes (?:it|this|that) apply to\b"
            r"|\bwho (?:is (?:it|this|that)|are (?:they|these)) for\b|\bwho gets (?:it|one|this)\b"
            r"|\bfor (?:both of us|us both|the two of us)\b"
            r"|\b(?:do|does) (?:i|we|one|she|he) (?:have|need) to live\b"
            r"|\b(?:is|would) (?:it|this|that) (?:be )?(?:suitable|right|ok|okay) for (?:me|us)\b"
            r"|\b(?:also |only )?for (?:those|people|someone|anyone) who\b"
            # "is it for sure that people living in kauniainen can use it?"
            r"|\b(?:people|residents|everyone|anyone|those|she|he|they)\b(?: \w+){0,4}"
            r" can use (?:it|this|that)\b"
            r"|\b(?:bring|take) (?:my |a )?(?:husband|wife|partner|mother|mum|mom|father|dad"
            r"|friend|sister|brother)\b",
            # ru: not "где можно пойти учить финский?"
            r"(?<!где )(?<!куда )\b(?:можно|могу|может|смогу)\b.{0,20}"
            r"\b(?:туда|ходить|пойти|прийти|участвовать)|\b(?:берут|возьмут|примут|пускают"
            r"|пустят|дадут)\b|\b(?:мне|ему|ей|им) (?:так |это |вообще |тоже |точно )?"
            r"(?:можно|подходит"
            r"|подойд[её]т)|\bэто (?:вообще )?можно|\bтолько для\b"
            r"|\bкто (?:\S+ )?может\b.{0,25}\b(?:получить?|ходить?|участвовать?|прийти|пойти"
            r"|записаться)"
            r"|\b(?:нужно|надо|обязательно) (?:ли )?быть\b|\bдолж(?:ен|на) (?:ли )?быть\b"
            r"|\b(?:и )?тем,? кто\b|\bдля тех,? кто\b|\bдолжно (?:ли )?быть?\b"
            r"|\b(?:мужа|жену|супруга|супругу|маму|папу|сестру|брата|подругу|друга)\b.{0,20}"
            r"\b(?:взять|привести|с собой)\b"
            r"|\bкто\b(?: \w+){0,2} мо(?:жет|гут)\b.{0,25}\b(?:получить|ходит|участв|прийти|пойти)"
            r"|\b(?:тоже|также) (?:подойд[её]т|подходит)\b"
            r"|\b(?:мне|нам) (?:\S+ ){0,2}(?:подходит|подойд[её]т)\b"
            r"|\b(?:нужно|надо|обязательно) (?:ли )?жить\b"
            r"|\bкому\b.{0,20}\b(?:выда\w*|дают|да[её]т|положен\w*|подходит|можно)\b",
            # uk
            r"(?<!де )(?<!куди )\b(?:можна|можу|може|зможу)\b.{0,20}"
            r"\b(?:туди|ходити|піти|прийти|брати участь)|\b(?:беруть|візьмуть|приймуть"
            r"|пускають|пустять|дадуть)\b|\b(?:мені|йому|їй|їм) (?:так |це |взагалі |теж |точно )?"
            r"(?:можна|підходить|підійде)|\bце (?:взагалі )?можна"
            r"|\b(?:тільки|лише) для\b"
            r"|\bхто може\b.{0,25}\b(?:отримати|ходити|брати участь|прийти|піти|записатися)"
            r"|\b(?:треба|потрібно|обов'язково|обовʼязково) бути\b|\bма(?:ю|є) бути\b"
            r"|\b(?:і )?тим,? хто\b|\bдля тих,? хто\b"
            r"|\b(?:чоловіка|дружину|маму|тата|сестру|брата|подругу|друга)\b.{0,20}"
            r"\b(?:взяти|привести|з собою|із собою)\b"
            r"|\bхто\b(?: \w+){0,2} мо(?:же|жуть)\b.{0,25}"
            r"\b(?:отримати|ходит|брати участь|прийти|піти)"
            r"|\b(?:теж|також) (?:підійде|підходить)\b"
            r"|\b(?:мені|нам) (?:\S+ ){0,2}(?:підходить|підійде)\b"
            r"|\b(?:треба|потрібно|обов'язково) жити\b"
            r"|\bкому\b.{0,20}\b(?:вида\w*|дають|да[єю]ть|належ\w*|підходить|можна)\b",
            # ar
            r"مسموح|يسمحوا|بيسمحوا|يقبلوا|بيقبلوا|يحق ل"
            # will they receive us ("بيستقبلونا عادي هناك؟")
            r"|ب?يستقبلو"
            r"|(?:بقدر|اقدر|أقدر|ممكن|بيقدر|يقدر|ينفع|بتقدر|تقدر|بنقدر|نقدر|تكدر|يكدر|اكدر|أكدر"
            r"|نكدر)"
            r" (?:اروح|أروح|امشي|اشارك|أشارك|احضر|ييجي|يجي|تيجي|تجي|اجي|أجي|نجي|يروح|تروح"
            r"|تشارك|تحضر"
            r"|نروح|نشارك"
            r"|يشارك|يحضر)"
            r"|(?:منو|مين|من) (?:يقدر|بيقدر|بقدر|يكدر|يحق له|يستفيد)|بيحق|يحقله|بيحقله"
            r"|لمين (?:هي|هو|بيعطوها|بيعطوه|بتنعطى)"
            r"|لازم (?:اكون|أكون|يكون|تكون|نكون)"
            # a family member too ("ومرتي كمان فيها تسجل معي؟")
            r"|(?:مرتي|زوجتي|زوجي|جوزي|امي|أمي|ابوي|أبوي|اختي|أختي|اخوي|أخوي)\S*"
            r" (?:كمان|برضو|ايضا|أيضا) (?:فيها|فيه|بتقدر|تقدر|بيقدر|يقدر|ممكن|بيصير|يصير)"
            # "عادي نروح عندهم؟": is it all right for us to go; where one must live
            r"|(?:عادي|يصير) (?:\S+ )?(?:نروح|اروح|أروح|تروح|يروح|نجي|اجي|أجي|تيجي|تجي|نشارك|اشارك"
            r"|أشارك|تشارك|نحضر|احضر|تحضر|تدخل|ادخل|أدخل|ندخل|يدخل)"
            r"|لازم (?:اسكن|أسكن|نسكن|يسكن|تسكن)"
            r"|(?:بس|فقط) لل\S+|متاح[ةه]? ل|مفتوح[ةه]? ل"
            # bringing someone along: "فيني جيب جوزي معي؟"
            r"|(?:فيني|فينا|بقدر|اقدر|ممكن|ينفع|بينفع) (?:اجيب|جيب|اخذ|اخد|نجيب) "
            r"(?:جوزي|زوجي|مرتي|زوجتي|امي|ابوي|اختي|اخوي|اخي|صاحبتي|صاحبي|رفيقتي)",
        )
    )
)
# "Can I bring my baby?" asks about childcare rather than who may take part.
A_SMALL_CHILD = compile_tolerant(
    r"\b(?:lapsi|lapsen|lapset|lasten|lapsia|lapsille|lapselle|vauva\w*|baby(?:s|n)?|child\w*|kids?"
    r"|barn\w*|bebis|lille[nm]?|lilla|lillan|minsting\w*|småbarn\w*|ребен\w*|ребён\w*|малыш\w*|дет\w*|дитин\w*|малюк\w*"
    # the little ones by name: "дочку", "синочка", "малий"
    r"|дочк\w*|доньк\w*|дочур\w*|сыночк\w*|синочк\w*|сынишк\w*"
    r"|малеч\w*|діт\w*|малий|малой|малого|малому|малим|малым|малих|малых|малі|малые"
    r"|малу|малую|малою|малої|малыми|малими"
    r"|мелк(?:ий|ая|ого|ую|ой|ому)"
    r"|маленьк\w*|youngest|nuorin\w*|nuorim\w*|yngsta|младш\w*|молодш\w*)\b"
    # "voinks mä ottaa sen pikkusen mukaan?": that little one (not "pikkusen" a little bit)
    r"|\b(?:sen|sitä|sita|mun|minun|meidän|meiän) pikku(?:s|is|ise|ine)\w*"
    # "mitä pikkuselle tehään": to, with the little one (not "pikkusen", a little)
    r"|\bpikku(?:s|is)(?:elle|ella)\b"
    # an age in months ("my youngest is only 8 months")
    r"|\b\d+\s*(?:months?|kk|kuukau\w*|månader|mån|месяц\w*|міс\w*)(?!\w)"
    r"|طفل|اطفال|أطفال|بيبي|رضيع|ولاد|الواد|الولد|ولدي|الصغير|الصغار|الزغار|شهور|أشهر|اشهر"
    # Gulf "عيالي" (my kids); a grandchild ("можно прийти с внучкой?")
    r"|عيال|\b(?:внук\w*|внучк\w*|онук\w*|онучк\w*)\b"
    # Egyptian "العيل" (the kid), not "العيلة" (the family)
    r"|(?:^|\s|و)العيل(?=$|\s|[،,.!؟?])"
)

# "сижу дома с ребёнком", "olen kotona lasten kanssa", "at home with my kids", "بالبيت مع
# اطفالي": the person's life at home (the group they are in), not a child brought along. From
# the word for home to the child, at most four words between, within one clause.
_AT_HOME_WITH_A_CHILD = compile_tolerant(
    r"(?:\b(?:дома|вдома|удома|kotona|hemma|home)\b|(?:في|ف|ب)\s?البيت)"
    rf"(?:\s+[^\s,.!?؟،]+){{0,4}}?\s+(?:{A_SMALL_CHILD.pattern})"
)


def without_life_at_home(lowered: str) -> str:
    """The message without the words that tell the person is at home with a child."""
    return _AT_HOME_WITH_A_CHILD.sub(" ", lowered)


# A child named with one of these words is brought along or looked after meanwhile ("can I
# bring my baby?", "а с ребенком что будет, пока я на уроке?"): childcare. Without them the
# child is the subject ("hobbies for kids?" asks for the family services again).
_ALONG = compile_tolerant(
    r"\b(?:mukaan|mukana|mukaani|kanssa|aikana|ottaa|tuoda|med mig|ta med|ta me|medan|under tiden"
    r"|me mej|med mej|me mig"
    r"|with me|along|bring|while|during|meanwhile|look after|take care|с собой|с детьми|пока"
    r"|во время|взять|брать|з собою|з дітьми|поки|під час|взяти|брати|со мной|зі мною"
    r"|оставить|залишити|be with me|sen aikaa|siksi aikaa|passa|ta hand om|tar hand om"
    r"|sill(?:o|oi)n (?:ku|kun)|kun (?:mä|minä|ma|mina) (?:oon|olen)|sillä aikaa|silla aikaa)\b"
    r"|\b(?:с ребен|с ребён|с малыш|з дитин|з малюк)"
    r"|\bна (?:это|то|цей|той) (?:время|час)\b"
    r"|\b(?:с|з) (?:такой|таким|такою|моей|моим|моєю|моїм|своей|своим|своєю) (?:маленьк|мелк|мал)"
    r"|\b(?:с|з) (?:двумя|тремя|обоими|двома|трьома|обома)\b"
    # come with the child, or where to put it meanwhile ("а сына куда девать, пока я на уроке")
    r"|\b(?:прийти|приходить|прийду|приходити|піти) (?:с|з|із)\b|\bкуда (?:\w+ )?девать\b"
    r"|\bкуди (?:\w+ )?(?:подіти|дівати)\b|\b(?:с|з) (?:внук|внучк|онук|онучк)"
    # "а с малым туда можно приходить?" (not "сиджу з малим", "мамам з малими дітьми")
    r"|\b(?:с|з) мал(?:ым|ой|ою|им|ышом|юком) (?:туда|туди|можно|можна)\b"
    # looked after: "hoitaa lapset", "присмотрят", "її доглянуть"
    r"|\b(?:hoit[ao]|hoid|присмотр|посмотр\w* за|догляд|доглян|нагляд|пригляд|приглян)\w*"
    r"|معي|معاي|وياي|معايا|اجيب|أجيب|جيب|خلال|بينما|مين يهتم|مين يدير بال|مع مين|مع من"
    # "في حدا بيتطلع عالولاد وقت نكون بالدوره؟" (someone to look after them meanwhile)
    r"|بيتطلع|يتطلع|بتتطلع"
    # Egyptian "حد بياخد باله منه؟" (someone minds him)
    r"|(?:ب?ياخد|ب?تاخد|ب?ياخذ|ب?تاخذ) (?:باله|بالها|بالهم)"
    # taken along with her ("وفيها تاخد الصغار معها عالدرس؟")
    r"|معها|معاها|معه|معاه"
    r"|وقت (?:\S+ )?(?:بال|ب|في ال|ال)?(?:درس|دروس|كورس|دورة|دوره|حصة|حصه)"
    # while I am in class: "وين بتضل وانا بالدرس؟", "who watches her when I'm in the lesson?"
    r"|و(?:انا|أنا|اني|آني|احنا|إحنا) (?:\S+ )?(?:بال|في ال|فال|عال)"
    r"(?:درس|دروس|كورس|دورة|دوره|حصة|حصه|صف)"
    r"|\bwhen (?:i'?m|i am|we'?re|we are) (?:in|at) (?:the |my |a )?(?:lesson|class|course)"
    r"|\bwatch(?:es|ing)? (?:her|him|them|the)\b"
)


# A son or daughter, of any age: looked after meanwhile only with `_ALONG`'s words ("وبنتي وين
# بتضل وقت الدرس؟"); "مسموح اروح مع بنتي؟" asks who may come.
_ONES_CHILD = compile_tolerant(
    r"\b(?:son|sonen|dotter|dottern|tösen|flickan|pojken|daughter|poika\w*|tyttö\w*|сын|сына"
    r"|сыну|сыном|дочь|дочери"
    r"|син|сина|сину|сином)\b|بنتي|ابني|بنتنا|ابننا"
    r"|\b(?:my|our) (?:little |small )?(?:girl|boy)\b|البنت"
)


def asks_about_childcare(lowered: str) -> bool:
    """Whether the message names a small child, or the person's son or daughter, brought along
    or looked after meanwhile ("can I bring my baby?"), not the person's life at home with
    one."""
    rest = without_life_at_home(lowered)
    return bool((A_SMALL_CHILD.search(rest) or _ONES_CHILD.search(rest)) and _ALONG.search(rest))


# No one to leave the child with: childcare, even asked as who may come ("а чи можна прийти з
# онуком, йому два рочки, нема з ким лишити").
NO_ONE_TO_LEAVE_THE_CHILD_WITH = (
    r"\b(?:нема|немає|нет|не) (?:з|с|на) (?:ким|кем|кого) (?:лишити|залишити|оставить|лишить)\b"
    r"|\b(?:нема|немає|нет|не) на кого (?:її|його|їх|ее|её|его|их) (?:лишити|залишити|оставить)\b"
)


# Asked of the service in context only, where they cannot be a new question: how to find it
# ("where do I find it on the page?", "منين باخده؟"), online or in person, how to join.
_IN_CONTEXT = _table(
    (
        (
            "location",
            r"\bwhere (?:do|can|could) (?:i|we|you) find\b|\bwhere on the\b"
            r"|\bmistä? (?:mä |minä |mina )?(?:löydän|loydan|löytää|loytaa)|\bmist(?:ä|a)? kohtaa"
            # "mistä sen saa?", "mistä sellaisen voi hakea?": where to get the one in context
            r"|\bmistä? (?:sen|sitä|sellaisen|sellasen|tämän|tän|ton|niitä)(?:\s+\S+){0,2}?"
            r"\s+(?:saa|sais|saisi|saada|hakea|hakee|haetaan)\b"
            # "mist mä saan sellasen": the verb first
            # "mistä mä sen saisin itselleni"
            r"|\bmist(?:ä|a)? (?:mä |minä |mie )?(?:sen|sellaisen|sellasen) (?:saisin|saan|saa"
            r"|sais)\b"
            r"|\bmist(?:ä|a)?s? (?:mä |mie |minä |me )?(?:saan|saisin|saadaan|saa|voin saada"
            r"|voi saada) (?:sen|sellaisen|sellasen|semmosen|semmoisen|niitä|niitten|tän|ton)\b"
            r"|\bvar (?:hittar|hålls|halls|ordnas)\b|\bvar på sidan"
            r"|\bvar (?:får|far) (?:man|jag|vi)\b"
            r"|\bvar ska (?:jag|ja|vi|man) (?:gå|ga|vända|vanda)\b.{0,15}\bför att få\b"
            r"|\b(?:где|де)\b.{0,15}\b(?:кнопк\w*|ссылк\w*|посиланн\w*)"
            r"|\bwhere (?:do )?(?:they|you|we)"
            r" (?:have|hold|run|give|give out|hand out|teach|make|do)"
            r" (?:these|those|them|it|this|that|the)\b"
            # where to get the one in context ("where can i get one", "var kan man hämta den?")
            r"|\bwhere (?:can|could|do|should) (?:i|we|you|one) (?:get|pick up|collect|obtain"
            r"|pick (?:it|them|one) up)(?: (?:it|one|them|this|that|these|those)\b|\s*\??\s*$)"
            r"|\bvar (?:kan|ska) (?:man|jag|ja|vi) (?:få|hämta|skaffa) (?:den|dem|dom|en sån"
            r"|ett sånt)\b"
            # where it is done ("missä se testi tehdään", "missä se kartotus sit tehään")
            r"|\bmissä (?:\S+ ){0,3}?(?:tehdään|tehään|järjestetään|pidetään|jaetaan)\b"
            r"|\bwhere (?:do|does|will) (?:they|you|we|it|the \w+) (?:meet|take place|happen)\b"
            r"|\bwhere exactly\b|\b(?:где|де)\b.{0,20}\b(?:конкретно|именно|саме)\b"
            # where to go, or where it is switched on ("а где там этот перевод включается?")
            r"|\bwhere (?:do|should|can|could) (?:we|i) go\b(?! to (?:learn|study))"
            r"|\b(?:где|де)\b.{0,25}\b(?:включа|включить|включити|вмика|вмикн)"
            r"|\bв каком месте|\bв какой контор|\bв якому місці|\bв якій контор"
            r"|\bгде на страниц|\bде на сторінц"
            r"|\bгде (?:\S+ )?(?:найти|искать|взять)"
            r"|\bгде (?:е[её]|его|их|это|эту|этот) (?:\S+ )?(?:найти|искать|взять?|получить)"
            r"|\bгде на сайте|\bде (?:\S+ ){0,2}(?:знайти|шукати|взяти)|\bде на сайті"
            r"|\bгде\b.{0,15}\b(?:получ|выда)(?:ить|ют|ёт|ет|ать|ают|ает)\b"
            r"|\bгде (?:е[её]|его|их) (?:\S+ )?да(?:ют|ёт|ет)\b"
            r"|\b(?:где|де)\b.{0,15}\b(?:составля|оформля|оформлю|проводя|склада)\w*"
            r"|\b(?:получить|выдают|выдаёт)\b.{0,15}\bгде\b"
            r"|\bде\b.{0,15}\b(?:отрима|вида)(?:ти|ють|є)\b|\bде\b.{0,15}\b(?:отримують|видають)\b"
            r"|\b(?:отримати|видають|видає)\b.{0,15}\bде\b"
            r"|وين بلاقي|وين الاقي|وين ألاقي|وين القى|وين الاقى|فين الاقي|فين ألاقي"
            r"|منين|من وين|من فين|(?:وين|فين) (?:بقدر |ممكن |لازم )?(?:آخد|اخد|آخذ|اخذ)"
            # "وين بصير الكورس؟", "بتبقى فين بالظبط؟": where it takes place
            r"|وين (?:بصير|بيصير|بتصير|بيكون|بتكون|يصير|تصير|يكون|تكون)"
            r"|(?:بتبقى|بيبقى|بتكون|بيكون) فين"
            r"|(?:فين|وين) (?:بالظبط|بالضبط)"
            # "الكارت ده بيطلعوه فين؟": where they issue or give it
            r"|(?:بيطلعو|بيعطو|بيدو|بيصرفو|بيوزعو|بيطلعوا|بيعطوا)\S* (?:فين|وين)"
            # "زر الترجمة وينو؟": where is it
            r"|وينو|وينه|وينها|فينو|فينه|فينها"
            r"|وين (?:بالموقع|عالموقع|على الموقع|بالصفحة|بالصفحه|عالصفحة)"
            r"|\bв офис|\bв офіс",
        ),
        (
            "signup",
            r"\bhow (?:do|can|could) (?:i|we) (?:join|sign up|apply|register|enrol|get in)\b"
            r"|\bdo (?:i|we) (?:sign up|register|apply)\b"
            r"|\bhow (?:do|can) (?:i|we) (?:actually |even )?get (?:one|it|this|that)"
            r"(?: card| thing)?\s*[?.!]*\s*$"
            r"|\bmiten (?:mä |minä |sinne |siihen )?(?:ilmoi?ttaudu\w*|pääsen|paasen|haen"
            r"|haetaan)\b"
            r"|\bhur (?:anmäler|anmaler|söker|soker|kommer) (?:jag|ja|man|vi)\b|\bкак (?:мне )?"
            r"(?:(?:на это|туда|к ним) )?(?:записаться|попасть|подать|(?:её|ее|его) получит)"
            r"|\bяк (?:мені )?(?:(?:на це|туди|до них) )?"
            r"(?:записатися|записатись|потрапити|подати|її отримати|його отримати)"
            r"|كيف (?:بقدر |اقدر |أقدر |ممكن )?(?:انضم|أنضم|اسجل|أسجل|اشترك|أشترك|بسجل|بنسجل"
            r"|نسجل|بشترك)"
            r"|\bhur (?:ska|gör|gor) (?:jag|ja|man|vi) (?:gå till väga|göra|för att (?:komma|delta"
            r"|få|fa|börja|borja))\b"
            r"|\bvad ska (?:jag|ja|man|vi) göra för att (?:få )?(?:börja|borja|komma|delta)\b"
            r"|\b(?:pitääkö|pitaako|täytyykö|taytyyko|tarviiko|pitäiskö|pitaisko) (?:mun |minun "
            r"|meidän )?ilmoi?ttau[dt]\w*"
            r"|\bзаписыва\w*|\bзаписува\w*|\b(?:нужно|надо) (?:ли )?(?:заранее )?записаться"
            r"|\b(?:треба|потрібно) (?:заздалегідь )?записатися"
            # an appointment booked ("hur bokar man tid till den?")
            r"|\bboka\w* (?:\w+ ){0,2}tid\b|\bvara\w* (?:aika|ajan)\b|\bbook (?:an )?appointment"
            r"|записаться на при[её]м|записатися на прийом|(?:احجز|حجز|بحجز) موعد"
            # where to hand in the application ("куди подавати заяву?")
            r"|\bкуди (?:\w+ )?(?:подавати|подати) заяв|\bкуда (?:\w+ )?(?:подавать|подать) заявл",
        ),
        (
            "childcare",
            r"\bwho (?:watches|will watch|looks after|will look after|takes care of|minds)"
            r" (?:her|him|them|the (?:kids?|child|children|baby))\b"
            # the child in context brought along ("får ja ha henne med mej på lektionen")
            r"|\b(?:bring|take|have) (?:her|him|them) (?:with me|along)\b"
            r"|\b(?:ha|ta) (?:med )?(?:henne|honom|dom|dem) med (?:mig|mej)\b"
            # "vem tar hand om honom under lektionen?"
            r"|\bvem (?:tar|ska ta|kan ta) hand om (?:henne|honom|dom|dem|barnet|barnen)\b"
            # no one to leave the child with ("нема з ким лишити", "не с кем оставить")
            rf"|{NO_ONE_TO_LEAVE_THE_CHILD_WITH}"
            # with me, or nearby, during the lesson ("kan dom vara i samma hus medan ja sitter
            # på lektionen?")
            r"|\b(?:kan|får|far) (?:han|hon|dom|dem|de) (?:vara|va) (?:(?:med|me) (?:mej|mig)"
            r"|i samma (?:hus|rum|byggnad))\b.{0,40}\b(?:lektion|kurs|klass)\w*"
            r"|\b(?:ottaa|tuoda|ottaisin|toisin) (?:hänet|heidät|sen|ne) mukaan\b"
            r"|\b(?:взять|брать) (?:её|ее|его|их) с собой\b"
            r"|\b(?:взяти|брати) (?:її|його|їх) з собою\b"
            r"|(?:اجيبها|اجيبه|اجيبهم|اخدها|اخده|اخدهم|آخدها) (?:معي|معاي|معايا)"
            # where she stays meanwhile ("طب هي هتقعد فين وانا في الحصه؟")
            r"|(?:ه|ب)?(?:ت|ي)(?:قعد|ضل|بقى) (?:فين|وين)\s.{0,12}و(?:انا|أنا|اني|احنا)\s",
        ),
    )
)


# Words that point back at something already mentioned ("that consultation", "ту консультацію",
# "sille kurssille", "هاد الكورس"): a service called so by a common word is the one in context.
POINTS_BACK = compile_tolerant(
    r"\bthat\b(?! (?:there|it|i|you|he|she|we|they|is|was|the|a|an|my)\b)"
    # not "tuota" (a filler, "well"), nor Ukrainian "тому" ("ago", "because")
    r"|\b(?:the same|sitä|sille|siihen|siitä|sinne|tuohon|tuolle|samaan|den där"
    r"|det där|dit|samma|ту|тот|туда|той|тієї|туди|тую|ту саму|тот же|та сама"
    # "эта школа", "ці консультації", "з цим": this one, of the conversation
    r"|эт(?:а|от|у|ой|ом|им|и|их)|ц(?:я|ей|ю|ієї|ім|им|і|их))\b"
    r"|(?:^|\s)(?:هاد|هاي|هيدا|هيدي|هداك|هديك|ذاك|تلك|هذاك|هذيك)(?=\s|$|[؟?])"
    r"|(?:^|\s)هال\S{2,}",
    re.IGNORECASE,
)


# The person's own command of a language: not speaking or knowing it ("en osaa suomea", "не
# знаю финского", "ما بحكي فنلندي"), or having to ("ولازم اكون بتكلم فنلندي كويس عشان
# يقبلوني؟", "do I need to speak Finnish?"). Not understanding it is left out: "I don't
# understand Finnish" asks to switch.
_PERSONS_LANGUAGE = compile_tolerant(
    r"(?:\b(?:en|ei|emme|eivät) (?:osaa|puhu)\b|\btalar inte\b"
    r"|\bkan inte (?:finska|svenska|engelska)|\bdon'?t (?:speak|know)\b|\bcan'?t speak\b"
    r"|\bне (?:знаю|говорю|владею|знает|говорит|розмовляю|володію|знає|розмовляє)\b"
    r"|ما (?:بعرف|بحكي|بتعرف|بيعرف|بتحكي|بيحكي|اعرف|أعرف)|لا (?:أتكلم|اتكلم|أعرف|اعرف)"
    r"|مش (?:بعرف|بتكلم)"
    r"|\b(?:pitääkö|täytyykö|tarviiko|tarvitseeko) (?:mun|minun|hänen|sen) osata\b"
    r"|\b(?:måste|behöver) (?:jag|man|hon|han) kunna\b"
    r"|\b(?:do|does) (?:i|one|she|he|we) (?:have|need) to (?:speak|know)\b"
    r"|\bmust (?:i|one|she|he) (?:speak|know)\b"
    r"|\b(?:нужно|надо|обязательно|треба|потрібно|обов'язково) (?:ли )?"
    r"(?:знать|говорить|владеть|знати|говорити|розмовляти|володіти)\b"
    r"|لازم (?:اكون|يكون|تكون) (?:بتكلم|بحكي|بعرف|اعرف|بيحكي|بتحكي|بيعرف|بتعرف)"
    r"|لازم (?:اعرف|احكي|اتكلم|يعرف|تعرف)"
    # and the language not known ("по-фински" here is no medium)
    r")(?:\s+\S+){0,2}"
)


_OR = compile_tolerant(rf"\b(?:{OR_WORDS})\b|(?:^|\s)(?:{ARABIC_OR_WORDS})(?=\s)")


def _one_language_or_another(lowered: str) -> bool:
    """Whether the message asks whether it is one language or another, naming two ("onks
    ohjaus venäjäks vai suomeks", "in English or only Finnish?"), not which to learn ("can I
    learn Finnish or Swedish?") nor the person's own ("I speak no Finnish or Swedish")."""
    return (
        bool(_OR.search(lowered))
        and len(named_languages(lowered)) >= 2
        and names_a_medium(lowered)  # "suomi vai ruotsi" won a match: countries
        and not learns_without_naming_a_medium(lowered)
        and not _PERSONS_LANGUAGE.search(lowered)
    )


# One's level of a language ("який в мене рівень фінської?", "what's my level of Finnish"):
# the level is asked, not the language the service is given in.
_A_LEVEL = compile_tolerant(
    r"\b(?:taso|tason|tasoa|tasoni|tasolla|tasolle|lähtötaso\w*|kielitaso\w*|nivå|nivån"
    r"|nivåer|språknivå\w*|level|levels|уровень|уровня|уровне|уровнем|рівень|рівня|рівні"
    r"|рівнем)\b|مستوى|مستواي|المستوى"
)


# "… or only mothers?", "… or just me?": whether it is only for some, who may take part; not
# "… or only in person?", where it is given.
# A father (or a mother) asking whether they too may come, with the children: who may come.
_ANOTHER_PARENT_TOO = compile_tolerant(
    r"\b(?:тато|пап[аыу]|батько|отец|мам[аы]|isä|isi|äiti|pappa|mamma|dad|father|mum|mom)\w*"
    r"(?:\s+(?:туда|туди|sinne|dit|there))?\s+(?:теж|тоже|також|также|myös|kans|också|ocksa|too"
    r"|also)\b"
    # "туда и папы могут приходить?": and the fathers
    r"|\b(?:и|і|й|and) (?:пап[аыу]|отц[ыа]|тато|тата|татусі|dads?|fathers?)\b"
    # "а папам туда можно приходить?": may the fathers come
    r"|\b(?:папам|отцам|татам|батькам) (?:\S+ )?(?:можно|можна)\b"
)
_OR_ONLY = compile_tolerant(
    r"\b(?:or|vai|eller|или|чи|або) (?:(?:там|тут) )?(?:just|only|vain|vaan|pelkästään|bara"
    r"|endast|только|лишь|тільки|лише|одни|одні)\b(?!\s+(?:в|у|на|in|at|on|i|på|paikan|онлайн|online|очно|лично"
    r"|особисто|наживо|etänä|lähi\w*|personally|physically)\b)"
    r"|(?:ولا|او|أو) (?:(?:انا|أنا|احنا|هو|هي) )?(?:بس|فقط)(?!\s+(?:حضوري|اونلاين|أونلاين))"
)


# In person or at a distance, asked of the service in context ("saako sen tehdä etänä?", "kan
# man komma dit personligen?", "а можна онлайн чи тільки очно?"): where it is given, before
# the "may one" of who may take part.
_IN_PERSON_OR_AT_A_DISTANCE = compile_tolerant(
    r"\bonline\b.{0,25}\b(?:or|vai|eller|или|чи|ولا|او)\b|\bочно\b|\bлично\b"
    r"|\bin person\b|\betänä\b|\bonline(?:na)?\b.{0,25}\blähi"
    r"|\bpaikan p(?:ää|aa)ll(?:e|ä|a)\b|\bpå plats\b"
    r"|\bpersonligen\b|\bpå distans\b|\bremotely\b"
    r"|\b(?:on|via|over|på) zoom\b|\bzoomissa\b|\bв зум[еі]\b|\bfully online\b"
    r"|\bbe online\b|\bonline (?:too|also)\b|\bонлайн (?:теж|тоже|також)\b"
    r"|\b(?:или|чи)\b.{0,25}\bонлайн\b|\bонлайн\b.{0,25}\b(?:или|чи)\b"
)
# On the net or from home, asked whether one may ("saako sen tehä netissä kotoa käsin", "och
# får den vara på nätet?"): where it is, unless signing up is what is done there
# ("ilmottaudutaanko sinne jotenki netissä?", "kan man söka dagisplats på nätet?"), or the
# net is one of two ways offered after a question of signing up ("miten sinne ilmotaan,
# netissä vai jossain toimistossa": its last clause).
_ON_THE_NET = compile_tolerant(
    r"\bnetissä\b|\bverkossa\b|\bkotoa käsin\b|\bpå nätet\b|\bhemifrån\b|\bfrom home\b"
    r"|\bв интернете\b|\bиз дома\b|\bв інтернеті\b|\bз дому\b|عن بعد"
)
_MAY_ONE = compile_tolerant(
    r"\b(?:saako|saanko|voiko|voinko|voisko|onnistuuko|käykö|kan|får|far|går det|can|could"
    r"|is it|можно|можна|получится|вийде)\b|(?:^|\s)(?:ممكن|بقدر|فيني|ينفع)(?=\s)"
)
_SIGNING_UP = compile_tolerant(
    r"\b(?:ilmo\w*|ilmoittau\w*|ilmottau\w*|hae\w*|haku\w*|hake\w*|anmäl\w*|söka|söker"
    r"|ansök\w*|sign\w* up|regist\w*|apply\w*|applica\w*|enrol\w*|book\w*"
    r"|запис\w*|зарегистр\w*|зареєстр\w*|заявк\w*|заяв\w*)\b"
    r"|سجل|تسجيل|اسجل|أسجل|نسجل|تقديم|اقدم|أقدم"
)


# Where on the city's web page ("on the page where i find this translate thing?", "а на сайте
# где эту штуку искать?", "وين بالزبط بلاقي زر الترجمة بالموقع؟"): where the website
# translation is, the one service that is a thing on a page; the classifier read the service
# from the word for translating.
_WHERE = compile_tolerant(
    r"\b(?:where|missä|mistä|mist|var|где|де|в каком месте|в якому місці|missä kohtaa"
    r"|på vilket ställe)\b|(?:^|\s)و?(?:وين|فين|أين|اين|منين)(?=\s|$|[؟?،,])"
)
_ON_THE_PAGE = compile_tolerant(
    r"\b(?:page|site|website|button|sivu\w*|nettisivu\w*|verkkosivu\w*|nappi|napin|painike\w*"
    r"|knapp\w*|sida|sidan|webbsida\w*|webbplats\w*|сайт\w*|страниц\w*|кнопк\w*|сторінц\w*"
    r"|сторінк\w*)\b|(?:^|\s)(?:ال|بال|ب)?(?:موقع|صفح[ةه]|زر|سايت)(?=\s|$|[؟?،,])"
)


# A first question says whose page ("где на сайте города кнопка перевода?"): it asks for the
# service; a follow-up about the page just answered need not.
_THE_CITY = compile_tolerant(
    r"\b(?:city|city's|kaupungin|kauniai\w*|kauniais\w*|grankulla\w*|stadens|города|міста"
    r"|кауниайнен\w*|кауніайнен\w*)\b|المدينة|كاونياينن"
)


def asks_where_on_the_page(lowered: str) -> bool:
    """Whether a follow-up asks where on the web page something is ("а на сайте где эту
    штуку искать?"), in at most `MAX_WORDS_OF_A_QUESTION_IN_CONTEXT` words and without
    saying whose page."""
    return (
        len(lowered.split()) <= MAX_WORDS_OF_A_QUESTION_IN_CONTEXT
        and bool(_WHERE.search(lowered))
        and bool(_ON_THE_PAGE.search(lowered))
        and not _THE_CITY.search(lowered)
    )


def followup_topic(message: str, max_words: int = MAX_WORDS_OF_A_DETAIL_QUESTION) -> str | None:
    """The detail a short question about the service in context asks, in so many words: one
    of `asked_topic`'s, else the language it is taught in ("is it in Russian?"), a small child
    brought along (childcare), who may take part ("can my wife come too?"), or where to find
    it and how to join in words that could not ask for a new service here. None: the message
    asks something else, or tells too much to be one detail."""
    if len(message.split()) > max_words:
        return None
    lowered = message.lower()
    topic = _asked(lowered, max_words)
    if topic is None and (cyrillic := _in_cyrillic(lowered)) is not None:
        topic = _asked(cyrillic, max_words)
    return topic


def _in_cyrillic(lowered: str) -> str | None:
    """Russian or Ukrainian typed in Latin letters, read in Cyrillic ("a kto tuda mozhet
    hodit?" → "а кто туда может ходит?") so that the Cyrillic words above read it; None for
    any other message."""
    language = typed_in_latin_letters(lowered)
    if language is None:
        return None
    return read_text_in_cyrillic(lowered, language)


def asked_topic_in_any_script(message: str) -> str | None:
    """`asked_topic` of the message, or of its Cyrillic reading when it is Russian or
    Ukrainian typed in Latin letters ("a Arbis eto gde nahoditsya?")."""
    cyrillic = _in_cyrillic(message.lower())
    return asked_topic(message) or (asked_topic(cyrillic) if cyrillic is not None else None)


def _asked(lowered: str, max_words: int) -> str | None:
    """`followup_topic` of one reading of the message."""
    topic = asked_topic(lowered, max_words)
    if topic is not None:
        return topic
    if _one_language_or_another(lowered):
        return "teaching_language"  # "saakohan sitä apua englanniks vai pelkästään suomeks"
    if (
        asks_about_a_language(lowered)
        and not learns_without_naming_a_medium(lowered)
        and not _A_LEVEL.search(lowered)
    ):
        # "what if I speak no Finnish at all, can I still do it?" asks who may take part;
        # "I speak no Finnish, is the course in English?" still asks the language.
        persons = _PERSONS_LANGUAGE.search(lowered)
        if persons and not names_a_medium(_PERSONS_LANGUAGE.sub(" ", lowered)):
            return "eligibility"
        return "teaching_language"  # not "where can I learn Finnish?"
    if _IN_PERSON_OR_AT_A_DISTANCE.search(lowered) or (
        _ON_THE_NET.search(lowered) and _MAY_ONE.search(lowered) and not _SIGNING_UP.search(lowered)
    ):
        return "location"  # "personligen eller bara per mejl?": not who, but where
    if _OR_ONLY.search(lowered) or _ANOTHER_PARENT_TOO.search(lowered):
        # "а папы тоже ходят или только мамы с малышами?", "а тато теж може з дітьми прийти?"
        return "eligibility"
    if asks_about_childcare(lowered):
        return "childcare"
    if WHO_MAY_TAKE_PART.search(lowered):
        return "eligibility"
    return next((topic for topic, words in _IN_CONTEXT if words.search(lowered)), None)
