"""The six languages: their names, writing direction, and detection of a message's language.

Detection is deliberately conservative: a message that is too short or ambiguous yields no
language, so the conversation keeps the one it has. Finnish service names ("Kaikukortti",
"Testipiste") are removed before detection so they do not flip an English or Arabic
conversation to Finnish.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.transliteration import morph, read_text_in_cyrillic, reads_as_word

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en", "ar", "ru", "uk")
NATIVE_NAMES: dict[str, str] = {
    "fi": "Suomi",
    "sv": "Svenska",
    "en": "English",
    "ar": "العربية",
    "ru": "Русский",
    "uk": "Українська",
}
DEFAULT_LANGUAGE = "en"

# Stems that name a language, in any of the six languages; used when someone asks to switch.
_LANGUAGE_NAME_STEMS: dict[str, tuple[str, ...]] = {
    "fi": ("suomi", "suome", "finnish", "finsk", "finska", "فنلند", "финск", "фінськ", "фінс"),
    "sv": ("ruotsi", "svensk", "swedish", "سويد", "шведск", "шведськ"),
    # "enkku", "enkuks": English in spoken Finnish.
    "en": (
        *("englan", "enkku", "enkuk", "engelsk", "english"),
        *("انجليز", "إنجليز", "انكليز", "إنكليز", "انقليز", "إنقليز", "англ"),
    ),
    "ar": ("arabia", "arabisk", "arabic", "عربي", "العربية", "араб"),
    "ru": ("venäjä", "venaja", "ryska", "rysk", "russian", "روسي", "русск", "росій", "росiй"),
    "uk": ("ukraina", "ukrainsk", "ukrainian", "اوكران", "أوكران", "украин", "україн", "украін"),
}

# "In <language>" forms: unambiguous requests when a message is little more than that.
_IN_LANGUAGE = re.compile(
    r"\b(?:suomeksi|ruotsiksi|englanniksi|arabiaksi|venäjäksi|venajaksi|ukrainaksi"
    # spoken Finnish drops the last letter ("suomeks", "enkuks")
    r"|suomeks|ruotsiks|englanniks|enkuks|arabiaks|venäjäks|venajaks|ukrainaks"
    r"|på (?:finska|svenska|engelska|arabiska|ryska|ukrainska)"
    # not into a course ("how i get in finnish course")
    r"|in (?:finnish|swedish|english|arabic|russian|ukrainian)"
    r"(?!\s+(?:course|courses|class|classes|lesson|lessons)\b)"
    r"|по-(?:фински|шведски|английски|арабски|русски|украински)"
    r"|на (?:финском|шведском|английском|арабском|русском|украинском)"
    r"|(?:фінською|шведською|англійською|арабською|російською|українською))\b"
    r"|بال(?:فنلندي|سويدي|انجليزي|إنجليزي|انكليزي|انقليزي|عربي|روسي|اوكراني|أوكراني)"
)
# A language as an adjective of what is given in it ("englanninkielinen kurssi",
# "svenskspråkiga daghem", "русскоязычный", "англомовні"): the medium, not a language learnt.
_LANGUAGE_AS_MEDIUM = re.compile(
    r"\b\w+kiel(?:inen|is\w*)\b|\b\w+språkig\w*|\b\w+-language\b"
    r"|\b(?:русско|англо|финно|шведско|арабо|украино)язычн\w*"
    r"|\b(?:україно|англо|російсько|фінсько|шведсько|арабо)мовн\w*"
)
MAX_WORDS_OF_A_SWITCH = 3

# Words that ask the assistant to use a language ("speak", "answer", "switch", "vaihda",
# "byt", "говори", "пиши", "احكي"...). Naming a language is not enough: "Де можна вивчати
# фінську мову, якщо я вдома з дитиною?" names Finnish and asks where to learn it.
_SWITCH_CUES = re.compile(
    r"\b(?:speak|talk|write|answer|reply|respond|continue|switch|change|use|prefer|communicate"
    r"|puhu|puhua|puhutko|puhuisitko|puhuuko|puhuu|kirjoita|kirjoittaa|kirjoitatko|vastaa"
    r"|vastata|vastaatko|vastaisitko|vaihda|vaihtaa|vaihdetaan|vaihetaan|vaihto|jatka|jatkaa"
    r"|jatketaan|jatkaisitko|käytä|kayta|kielivalinta|osaatko|osaaks"
    r"|prata|pratar|tala|talar|skriv|skriva|svara|byt|byta|ändra|andra|fortsätt|fortsatt"
    r"|fortsätta|kommunicera"
    r"|говори|говорить|говорите|пиши|писать|пишите|ответь|отвечай|отвечать|ответьте|смени"
    r"|сменить|смена|поменяй|поменять|переключи|переключить|переключитесь|продолжи|продолжить"
    r"|продолжим|давай|давайте|общаться|переведи|напиши|напишите|разговаривай|разговаривать"
    r"|разговаривайте|ответить|отвечайте|перейди|перейдём|перейдем|переключись"
    r"|пиши|пишіть|писати|відповідай|відповідайте|відповідати|зміни|змінити|зміна|поміняй"
    r"|переключи|переключіть|перейдемо|перейти|перейдіть|спілкуватися|продовжимо|продовжити"
    r"|тлумач|говори|говорити|говоріть|розмовляй|розмовляти|розмовляйте|напиши|напишіть"
    r"|відповісти|переключись|переключитися|перейди|перейдімо"
    # "а можно дальше по-русски со мной?": on, with me
    r"|дальше|далі|со мной|зі мною"
    r"|تكلم|تكلمي|نتكلم|تتكلم|احكي|نحكي|تحكي|اكتب|اكتبلي|اكتبي|رد|ردي|غير|غيّر|اغير|تغيير"
    r"|حول|حوّل|نكمل|تكمل|كمل|كلمني|خليها|اختار|تكتبلي|جاوب|جاوبني|تجاوب|تجاوبني|تغير|تغيّر"
    r"|تحول|ترد|ردلي|كلميني|تكلمني|تحكيني|تحاكيني|استخدم|تستخدم)\b"
    r"|\b(?:other|another|choose|select|set)\b.*\blanguage|\blanguage\b.*\b(?:change|switch)\b"
    # "sorry my swedish is bad, can we take it in english?": the conversation
    r"|\b(?:can|could|shall) we (?:do|take|have) (?:it|this|that) in\b"
    r"|\b(?:don'?t|do not) understand|\ben ymm[äa]rr|\bf[öo]rst[åa]r inte|не понимаю|не розумію"
    r"|ما بفهم|ما افهم|لا افهم|لا أفهم"
    r"|\b(?:other|another) one\b|\bмов[ауи]\b.*\b(?:інш|вибр|змін)"
    r"|\b(?:інш|вибр)\w*\s+мов|\b(?:друг|выбр)\w*\s+язык"
)
# Learning, practising or improving a language is a service question, not a request to switch:
# "وين فيني اتمرن احكي فنلندي مع ناس؟" ("where can I practise speaking Finnish with people?").
_LEARNING_CUES = re.compile(
    r"\b(?:learn\w*|study\w*|studie\w*|practi[cs]\w*|course\w*|class\w*|lesson\w*|teach\w*"
    r"|opi\w*|oppi\w*|opettel\w*|opiskel\w*|harjoit\w*|kurssi\w*|opetu\w*|opetta\w*"
    r"|lära|lär|lärt|plugga\w*|studera\w*|öva\w*|ova|övning\w*|kurs\w*|lektion\w*"
    r"|(?:на|вы|из)?уч(?!аст|[её]т)[иаую]\w*|изуча\w*|практик\w*|курс\w*|заняти\w*|урок\w*"
    r"|(?:ви|на)?вч[иау]\w*|заняття|занять|(?:по)?занима\w*|(?:по)?займатис\w*"
    r"|improv\w*|parant\w*|kehittä\w*|förbättra\w*|forbattra\w*|улучш\w*|подтян\w*|покращ\w*"
    r"|підтягн\w*)\b"
    r"|تعلم|تمرن|تدرب|دورة|دوره|كورس|دروس|ادرس|دراس|تحسين|اقوي|أقوي|اطور|أطور"
)
# "Where" before "speak Finnish" asks for a place to speak it: the assistant is not asked.
_WHERE = re.compile(r"\b(?:missä|missa|mistä|mista|where|var|где|куда|де|куди)\b|وين|أين|فين")
# "I don't understand <language>": a cue to switch, but away from the language it names.
_NOT_UNDERSTANDING = re.compile(
    r"\b(?:don'?t|do not) understand|\ben ymm[äa]rr|\bf[öo]rst[åa]r inte|не понимаю|не розумію"
    r"|ما بفهم|ما افهم|لا افهم|لا أفهم"
)
# Where a message's parts meet: punctuation, and "because" ("…in English? I read Arabic
# slowly", "بالسويدية لاني بفهمها احسن من الفنلندية").
_CLAUSE_BREAK = re.compile(
    r"[.?!؟،,;:\n]+|(?<=\s)(?:because|since|koska|sillä|eftersom|потому что|так как|тому що"
    r"|бо|لأن|لان|لأني|لاني|لأنه|لانه|لانو|لإنو|عشان|علشان)(?=\s)"
)
# A message longer than this is a switch only with one of the cues above.
MAX_WORDS_WITHOUT_A_CUE = 4
# Up to this length "in Swedish" ("можно на шведском языке?") is enough; in a longer message
# ("can the coordinator call me? in Ukrainian?") it qualifies another request.
MAX_WORDS_WITH_IN_LANGUAGE = 8

# Short, frequent words that identify a language where a statistical model cannot. Words
# shared by two of the languages ("так": Ukrainian "yes", Russian "so") are left out.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "fi": frozenset(
        "hei moi moikka terve kiitos kiitti joo juu kyllä kylla ei mä mun sä missä missa mikä mika "
        "miten kuka voinko voiko onko onks mitä mita haluan olen oon saan hyvää hyvaa huomenta "
        "apua suomeksi tarviin tarvitsen mulla mulle minä minulla voisitko kertoa".split()
        + "mä sä onks voinko voiks mistä mista mihin miks miksi pitää pitaa pitäis pitais tiiä "
        "tiia tiedä tieda kans kanssa myös myos tää taa mut et niin jos vai kun ku siitä sinne "
        "täällä taalla tänne paljonko milloin minne onko meillä meidan meidän mun sun".split()
        # "ja" is Swedish too: said in both, it counts for neither ("Olen eläkkeellä ja eläke
        # on aika pieni" is Finnish by "olen", "on", "että", "jolla").
        + "ja on että etta joku jotain joka jolla jossa jota tai kuin vaan vain nyt".split()
        # "no" opens Finnish sentences as often as it answers in English: it counts for neither
        # ("no mut missä se on" is Finnish by "mut", "missä"). Not "moro", "morjens": English
        # and Swedish speakers in Finland greet so too.
        + ["no"]
        # "mina" is Swedish "my" and Finnish "minä" without dots: it counts for neither
        # ("mina kotiaiti, ei tyo. saako mina tulla?" is Finnish by "ei", "saako").
        + "mina saako saanko saisinko pääseekö paaseeko".split()
    ),
    "sv": frozenset(
        "hej hejsan tjena tack ja nej jag var vad hur vill är och hjälp hjalp god morgon hejdå "
        "hejda behöver kan mig min mitt för med om det finns".split()
        + "du inte att ska hon han vi ni mina mitt sin sina är också ocksa någon nagon också "
        "varför varfor när nar här har kommer måste maste vem vilken vilket vilka nu".split()
        # "hur gör man karjalanpiirakka förresten": a Finnish dish named in Swedish
        + "gör förresten forresten nåt nån".split()
        # "godmorron!": good morning, said in one word
        + "godmorgon godmorron".split()
    ),
    "en": frozenset(
        "hi hello hey thanks thank yes no please where what how can want help my the is do bye "
        "good morning need am i'm im you are a an to of for in with it this there any get "
        "about who when which".split()
        + "and but if from that we they our your should could would have will not don't can't "
        "doesn't there's what's".split()
    ),
    "ru": frozenset(
        "привет привки здравствуйте спасибо да нет как где что пожалуйста хочу нужно можно мне я "
        "ты вы пока добрый день это всего меня мой моя когда здесь уже надо но или именно есть и "
        "с со нужен нужна чтобы сейчас тоже только очень было будет скажите подскажите".split()
    ),
    "uk": frozenset(
        "привіт вітаю дякую ні як де що будь ласка хочу потрібно можна мені я ти ви бувай "
        "добрий день це всього мене мій моя коли тут вже треба але або чи є з із зі й та "
        "потрібен потрібна щоб зараз теж тільки дуже було буде скажіть підкажіть".split()
        + "мого свого нашого вашого цього його додай постав зроби".split()
    ),
}
_FUNCTION_WORDS["ru"] = _FUNCTION_WORDS["ru"] | frozenset(
    "его моего своего нашего вашего моей своей добавь поставь сделай выключи открой".split()
)

# Russian and Ukrainian typed in Latin letters ("ya bezrabotnyj, gde uchit finskij"):
# frequent words in the usual transliterations. Words both languages write alike ("khochu",
# "kursy") count towards Cyrillic-in-Latin but not for one of the two.
_TRANSLIT_WORDS: dict[str, frozenset[str]] = {
    "ru": frozenset(
        "privet zdravstvujte zdravstvuyte spasibo pozhalujsta pozhaluysta pozhalusta gde kak "
        "chto shto mozhno nuzhno mne menya rabotu rabota rabotayu rabotaet zhena muzh rebenok "
        "rebenkom detmi detej deti uchit finskij finskiy finskogo yazyk chtoby kogda skazali "
        "zapisatsya bezrabotnyj bezrabotnaya bezrabotnyi eto tozhe tolko ochen pomogite est "
        "ej mozhet ponyatno poniatno".split()
    ),
    "uk": frozenset(
        "pryvit vitayu dyakuyu diakuiu laska shcho scho mozhna potribno meni robotu robota "
        "pracyuye pratsiuie pracyuyu druzhyna cholovik dytyna dytynoyu dytyny dity ditmy vdoma "
        "vchyty finsku finskoyi movu shchob koly skazaly zapysatysya bezrobitnyj bezrobitna "
        "bezrobitnyi vona tezh tilky duzhe dopomozhit mozhe ye yak zrozumilo zaraz "
        # "a iak ioho otrymaty?": "ia", "io" for я, йо
        "iak ioho yoho".split()
    ),
}
# Everyday words beyond the services: small talk, weather, commands to a device, money,
# time ("prognoz pogody na zavtra", "vvimkny muzyku", "kak tebya zovut", "de tse").
_TRANSLIT_WORDS["ru"] = _TRANSLIT_WORDS["ru"] | frozenset(
    "pogoda pogody pogodu segodnya sevodnya sejchas seychas vchera vklyuchi vkluchi vkljuchi "
    "vykluchi vyklyuchi otkroj otkroi otkroy zakroj pesnyu pesni tebya zovut zvat kak dela "
    "privet poka skolko skolka stoit stoimost besplatno besplatnye besplatnyj besplatnyi "
    "platno platnye platnyj nado kuda pochemu kto skazhite podskazhite pomogi najti naiti "
    "nayti iskat ishchu ishu ischu uchete uchet zaregistrirovan zaregistrirovana polgoda "
    "mesyatsev mesyacev zanyatiya zanyatij zanyatie konsultaciya konsultatsiya nalog nalogi "
    "skuchno pogovori govori govorit otvechaj napishi poanglijski anglijskom angliyskom "
    "russkom finskom yazyke horosho khorosho raboty budet nachat chego priehala priekhala "
    "priehal nedavno rabotaet mnoj mnoy nahoditsya nakhoditsya dlitsya tuda popast "
    "napravlenie podrobnee pogromche gromche potishe tishe umeesh znaesh lyubil vlyublyalsya "
    "chelovek zhivoj zhivoi spoj spoi rasskazhi skazhi pokazhi daj dai vremya vremeni chasov "
    "gradusov temperatura sneg dozhd vyhodnye vykhodnye subbotu voskresenye vyigral igra "
    "pogovorim poboltaem grustno moj moya ili chem esli potomu zdes potom uzhe eshche eshe "
    "esche kakoj kakaya kakie kakoe gorod nedelyu vopros otvet russkom russkij russkiy "
    "poruski ukrainskom ukrainskij anglijskij angliyskiy seichas pet kogda-nibud poluchit "
    "sdelat delat rabotat uchitsya zhit zhivu priekhal priehali pereehali pomoch pomozhete "
    "mogu nuzhen nuzhna znayu ponimayu skazat zapis zapisat uznat platit doch dochka semya "
    "sadik detskij vrach pomoshch informaciya informatsiya dobryj vecher utro".split()
    # pronouns and everyday follow-up words ("a skolko ona stoit?", "gde eto prohodit?")
    + "ona oni ono eta etot eti prohodit prokhodit prohodyat bolshoe bolshoye ladno davaj "
    "davai vot byla byli nam vam ih ikh".split()
    # age and duty ("a skolko let dolzhno byt rebenku?")
    + "let byt dolzhno dolzhen dolzhna rebenku rebenka sizhu".split()
    # "a kak ego poluchit?"
    + "ego eyo".split()
    # "a chto v nem voobshche pishut?" (and what do they write in it?)
    + "nem nyom pishut pishet".split()
    # "a tam po-russki konsultirujut voobshhe?": in which language, at all
    + "po-russki po-russkij po-anglijski po-angliiski po-anglijskomu po-finski po-shvedski "
    "voobshhe voobshe voobsche voobshche".split()
)
_TRANSLIT_WORDS["uk"] = _TRANSLIT_WORDS["uk"] | frozenset(
    "pohoda pohody pohodu sohodni siohodni zaraz vchora vvimkny uvimkny vymkny vidkryi "
    "vidkryj vidkryy zakryi pisniu pisnyu zvaty spravy pryvit buvai skilky koshtuye koshtuie "
    # "ok, a skilky chasu tryvaie toi test?": how long that test takes
    "chasu tryvaie tryvaye tryvaje toi "
    "koshtuiut bezkoshtovno bezkoshtovna bezkoshtovni platni treba kudy chomu khto hto "
    "skazhit pidkazhit dopomozhy znaity znayty znajty shukaty shukayu shukaiu obliku "
    "zareiestrovanyi zareyestrovanyj zareiestrovana piv misiatsiv misyaciv zanyattya "
    "zaniattia podatok podatky nudno pohovory hovory hovoryty vidpovidai napyshy anhliiskoiu "
    "angliyskoyu angliiskoyu anglijskoyu ukrainskoiu ukrayinskoyu finskoiu finskoyu movoyu "
    "movoiu dobre de tse tsey vzhe pryikhala pryihala pryikhav neshchodavno pochaty choho "
    "roboty zi mnoyu mnoiu bude prohnoz znakhodytsya znahodytsya tryvaye tryvaie tudy "
    "potrapyty potribne napravlennya dokladnishe holosnishe huchnishe tykhishe vmiyesh "
    "vmiiesh znayesh znaiesh kokhav kohav zakokhuvavsia liudyna lyudyna chy zhyva spivaty "
    "zaspivai zaspivay rozkazhy skazhy pokazhy dai chas hodyn hradusiv temperatura snih "
    "doshch vykhidni vyhidni subotu nedilyu vyhrav hra pobalakaiemo pobalakayemo sumno miy "
    "moia moya yoho abo nizh yakshcho yakscho tomu potim shche sche yakyi yakyj yaka yaki "
    "yake misto tyzhden pytannya pytannia vidpovid rosiiskoiu rosiyskoyu anhliiska "
    "angliiska koly-nebud otrymaty zrobyty robyty pratsiuvaty pratsyuvaty vchytysya zhyty "
    "zhyvu pryikhaly pereikhaly dopomohty mozhu potribna potriben znaiu rozumiiu rozumiyu "
    "skazaty zapys zapysatysia zapysatysya diznatysia diznatysya platyty donka simia simya "
    "sadochok likar dopomoha informatsiia informaciya dobryi dobryj vechir ranok "
    "bud".split()
    + "vin vony tsia tsi tsei prokhodyt prohodyt velyke velyki dobre davai yikh yim yiyi".split()
    # thanks and goodbye ("diakuju, buvaite")
    + "diakuju diakuiu diakuyu dyakuju buvaite buvayte buvajte buvaj".split()
    # device commands ("zroby svitlo yaskravishe")
    + "zroby svitlo yaskravishe yaskravisho tykhishe holosnishe".split()
    # "a tam po-ukrainsky konsultuiut vzahali?": in which language, at all
    + "po-ukrainsky po-ukrayinsky po-ukrainskomu po-ukrayinskomu po-anhliisky po-angliysky "
    "po-finsky po-shvedsky vzahali vzagali".split()
)
_TRANSLIT_SHARED = frozenset(
    "ya khochu hochu kursy dlya ne doma rabotu dekret prognoz na zavtra tebe muzyku muzyka "
    "ty vy urok uroki budut kvartiru shkola shkolu pensiya kurs kursa kurse mozhesh "
    "hochesh khochesh lyubish vas nas tut tam match finlyandii finliandii finlyandiyu "
    "finliandiiu finlyandiya finliandiia onlajn onlain onlayn dni vse teper".split()
)
MIN_TRANSLIT_WORDS = 3
# Function words of the Latin-script languages: never read as transliterated Russian.
_LATIN_FUNCTION_WORDS = frozenset().union(*(_FUNCTION_WORDS[lang] for lang in ("fi", "sv", "en")))
MIN_DICTIONARY_LETTERS = 4  # shorter Latin words read as Cyrillic too often by chance
MIN_LONE_LETTERS = 5  # a message of one transliterated word: "podrobnee", "dyakuyu"

# Frequent Finnish and Swedish words that service names contain but that say nothing of a
# service ("Suomen opetus lastenhoidon kanssa"): never treated as service terms.
_NAME_FILLERS = frozenset(
    "kanssa sekä tai ja jotka joka kautta ilman myös sinulle sinun varten och med för att det "
    "den som till på av om eller från hos utan".split()
)


# Words typed the same on a page in any language ("hi :)" on the Russian page): a message of
# nothing else does not tell its language, so the client's hint decides.
_INTERNATIONAL_WORDS = frozenset({"hi", "hello", "hey", "ok", "okay", "bye", "bot"})

# Arabic typed in Latin letters (Arabizi, "slm 3likom", "ana bdi at3allam finlandi"): digits
# stand for the sounds Latin letters lack (3 ع, 7 ح, 2 ء, 5 خ, 9 ق) inside words, and a few
# words are frequent. Two such signs, more than the Finnish, Swedish and English function
# words, tell Arabic; "mp3" alone does not.
_ARABIZI_DIGIT_WORD = re.compile(r"(?<!\w)(?:[a-z]+[23579][a-z]*|[23579][a-z]{2,})(?!\w)")
_ARABIZI_WORDS = frozenset(
    "salam slm marhaba marhba kifak kifik keefak shu shou sho eish ana bdi biddi baddi ayez "
    "wen wein fein lazem lazim hada hadi wala walla inshallah yalla habibi shukran shokran "
    "mashi ktir kteer mumkin momken mesh mish msh masari majjani "
    "ezayak ezayek ezzayak izzayak keda kda bikam emta imta feen kif kef keef tayyeb tayeb "
    "tayb taib hek hayk kaman kamen lesh leish iza eza enta enti inta inti finlandi lal "
    # "w howa b flous wala bbalash?" (is it paid or free?), "a5do mnen?" (where from?)
    "howa huwa hiya heya flous floos fulus balash bbalash mnen mnein mneen menen "
    # "w byakhod wa2t add eh?" (and how long does it take?)
    "eh byakhod byakhud "
    # "el zorar fen?" (where is the button?), "shu awwal khatwe?" (what is the first step?)
    "fen awwal khatwe khatwa ballesh ballish "
    # "kam usbu3 byekhod el kurs?" (how many weeks?), "w wein bikoun?" (and where is it?)
    "kam byekhod bikoun bikun bykoun "
    # "fi shi bel 3arabi?" (is there something in Arabic?), "fik tkhalli 7ada yettesel fiyye?"
    # (can you have someone call me?), "btkoun bel english?" (is it in English?)
    "shi fik fiki fiyye fiyyi fiye fiyi tkhalli btkoun btkun "
    # "w el kors da makano fein?" (and where is this course?), "w bekam el test?" (and how much
    # is the test?), "momken mrati tegi ma3aya?" (may my wife come with me?)
    "makano makanu bekam b2am tegi tigi ma3aya ma3aia "
    # "w 2adde bteklif?" (and how much does it cost?)
    "addesh bteklif btkallef bitkallif "
    # "w kam bikallif?" (and how much does it cost?), "mn wen bballesh?" (where do I start?)
    "bikallif bikallef bykallif bballesh bballish bbalesh".split()
)
MIN_ARABIZI_SIGNS = 2


def is_common_word(word: str) -> bool:
    """Whether a lower-cased word is a function word of one of the languages."""
    return word in _NAME_FILLERS or any(word in words for words in _FUNCTION_WORDS.values())


_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_URL_OR_EMAIL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)

MIN_LETTERS_FOR_MODEL = 8
MIN_MODEL_CONFIDENCE = 0.6
MIN_CYRILLIC_MODEL_CONFIDENCE = 0.7  # lingua hesitates between the two on short phrases


@dataclass(frozen=True)
class Detection:
    """The outcome of detection: `language` is None when the message does not tell."""

    language: str | None
    confidence: float
    method: str  # "switch", "script", "lexicon", "model", "hint" or "none"


def normalise(text: str) -> str:
    """NFC-normalised, lower-cased text without control and bidi-override characters."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    return text.lower()


def normalise_hint(raw: object) -> str | None:
    """A client's language hint ("uk", "en-US", "ar_SA") as one of the six codes, or None."""
    if not isinstance(raw, str):
        return None
    code = raw.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


def _last_named_language(text: str) -> str | None:
    """The language whose name comes last in lower-cased `text`."""
    best: tuple[int, str] | None = None
    for language, stems in _LANGUAGE_NAME_STEMS.items():
        for stem in stems:
            position = text.rfind(stem)
            if position >= 0 and (best is None or position > best[0]):
                best = (position, language)
    return best[1] if best else None


# Words before a language, in its clause, that say it is not the one wanted: "my wife doesn't
# understand Swedish", "not Russian", "instead of Finnish", "vaimo ei ymmärrä ruotsia",
# "förstår inte finska", "не понимаю финский", "не російською", "احسن من الفنلندية".
_NOT_WANTED_BEFORE = re.compile(
    r"\b(?:not|never|cannot|instead of|rather than|than|ei|eikä|eika|enkä|enka|emme|eivät"
    r"|eivat|kuin|paitsi|inte|ej|istället för|i stället för|än|не|ні|нет|вместо|чем|замість"
    r"|ніж)\b|n't\b|\ben (?:\w+ )?(?:ymmär|ymmar|osaa|puhu|tajua|halua)"
    r"|(?:^|\s)(?:لا|مش|مو|بدل|بدلا|بدلاً|احسن من|أحسن من|اكثر من|أكثر من)(?=\s)"
    r"|(?:^|\s)ما \S*(?:فهم|عرف|حكي)"
)
# ...and after it: "suomen sijaan", "finska går inte".
_NOT_WANTED_AFTER = re.compile(r"^\W*(?:sijaan|asemesta|ei käy|ei kay|går inte|gar inte)\b")
# Where a clause ends: a language named after one of these is in a clause of its own ("not
# Russian, Ukrainian please", "не російською, а українською").
_MENTION_CLAUSE_BREAK = re.compile(
    r"[,.;:!?؟،]|\b(?:but|mutta|mut|vaan|men|utan|а|але|но|лучше|краще)\b|(?:^|\s)(?:بل|لكن|بس)(?=\s)"
)
# Within a request, commas only set off "please" ("ответь мне, пожалуйста, на английском").
_SENTENCE_BREAK = re.compile(
    r"[.;!?؟]|\b(?:but|mutta|mut|vaan|men|utan|а|але|но)\b|(?:^|\s)(?:بل|لكن)(?=\s)"
)
# Words asking the assistant itself to use a language: "can you answer", "voitko vastata",
# "kan du svara", "можешь отвечать", "можеш відповідати", "ممكن ترد"; or an imperative at the
# start of a clause ("answer in English", "vastaa englanniksi", "svara på engelska").
_ADDRESSED_REQUEST = re.compile(
    r"\b(?:can|could|would|will|pls|plz|please)\s+(?:you\s+|u\s+)?(?:please\s+|pls\s+|just\s+)?"
    r"(?:answer|reply|respond|speak|talk|write|text|explain|tell me|continue|switch|change|use"
    r"|chat)\b"
    # "can we continue in swedish? i want to practise"
    r"|\b(?:can|could|shall)\s+we\s+(?:please\s+|just\s+)?(?:continue|switch|change|chat)\b"
    r"|\blet'?s\s+(?:speak|talk|continue|switch|chat|use)\b"
    r"|\b(?:switch|change)\s+(?:the\s+language\s+)?(?:to|into)\b"
    r"|\b(?:voi(?:t|tko|tsä|tteko|sitko|sitteko|siks|siksä|sko|ks|ksä|kse)|vois|voisko"
    r"|voisitsä|voidaanko|voidaanks|voitaisko|voitaisiinko|voisimmeko|voisimmeks)"
    r"\s+(?:\w+\s+){0,2}?(?:vastata|vastaa|vastaamaan|puhua|puhuu|kirjoittaa"
    r"|kirjottaa|kirjottaa|vaihtaa|jatkaa|käyttää|kayttaa|selittää|selittaa|kertoa|kertoo"
    r"|jutella|keskustella)\b"
    r"|\b(?:kan|kunde|skulle)\s+(?:du|ni|vi)\s+(?:\w+\s+){0,2}?(?:svara|skriva|prata|tala|byta"
    r"|fortsätta|fortsatta|ta det|förklara|forklara|köra|kora|berätta|beratta)\b"
    r"|\b(?:snälla|snalla)\s+(?:svara|skriv|prata|tala|byt|fortsätt|fortsatt)\b"
    # going on oneself in a language ("tack, jag fortsätter på svenska om det går bra")
    r"|\b(?:jag|ja|vi)\s+(?:fortsätter|fortsatter)\b|\bi'?ll\s+continue\b"
    r"|\b(?:mä|minä|me)\s+(?:jatkan|jatkamme)\b|\bя\s+(?:продолжу|продовжу)\b"
    r"|\b(?:можешь|можете|могли бы|мог бы|могла бы|можеш|могли б)\s+(?:\w+\s+){0,2}?"
    r"(?:отвечать|ответить|писать|написать|говорить|перейти|переключиться|общаться|продолжить"
    r"|відповідати|відповісти|писати|написати|говорити|спілкуватися|продовжити)\b"
    r"|(?:^|\s)(?:ممكن|بتقدر|تقدر|فيك|بليز|رجاء)\s+(?:\S+\s+)?(?:ترد|تردي|تكتب|تكتبي|تحكي|تحچي|تحجي"
    r"|تتكلم|تكمل|نحكي|نتكلم|نكمل|تجاوب|تجاوبني)(?=\s)"
)
# An imperative ("answer in English", "vastaa englanniksi", "svara på engelska", "ответь
# по-английски", "відповідай англійською", "رد بالانجليزي"), the language right after it.
_IMPERATIVE_REQUEST = re.compile(
    r"(?:^|[,.;:!?]\s*|\b(?:please|pls|plz|now|ok|okay|then|nyt|sitten|no|nu|då|snälla|snalla"
    r"|и|і|тепер|теперь|пожалуйста)\s+)(?:answer|reply|respond|speak|talk|write|continue"
    r"|explain|svara|skriv|prata|tala|byt|fortsätt|fortsatt|förklara|forklara)\b"
    r"|\b(?:vastaa|vastatkaa|puhu|puhukaa|kirjoita|kirjota|kirjoittakaa|vaihda|vaihtakaa|jatka"
    r"|jatketaan|vaihdetaan|vaihetaan|selitä|selita)\b"
    r"|\b(?:ответь|отвечай|отвечайте|ответьте|пиши|пишите|напиши|напишите|говори|говорите"
    r"|переключи|переключись|переключитесь|переключите|смени|смените|поменяй|поменяйте|перейди"
    r"|перейдите|перейдем|перейдём|давай|давайте|продолжи|продолжим|продолжай"
    r"|відповідай|відповідайте|пишіть|напишіть|говоріть|переключіть|перейдіть|перейдемо"
    r"|зміни|змініть|продовжуй|продовжимо|продовжуйте|перейдімо)\b"
    r"|(?:^|\s)(?:رد|ردي|ردوا|جاوب|جاوبني|جاوبيني|اكتب|اكتبي|اكتبلي|احكي|احكيلي|تكلم|تكلمي"
    r"|كلمني|كلميني|حول|حوّل|غير|غيّر|كمل|كملي|نكمل|خليها|خلينا)(?=\s)"
)
# Only these words may stand between a request and its language: "ответь мне, пожалуйста, на
# английском", "answer me in English please", "vastaa mulle nyt englanniksi", "can you write
# it in Swedish". Anything else is what to do in that language ("write a poem in Swedish",
# "اكتب لي قصيدة بالعربي"): a task, not a request to switch.
_FILLERS = frozenset(
    "please pls plz me us just only now in into to from on it this everything all again with "
    "mulle minulle meille nyt vaan vain sen tän tämän kaikki jatkossa mun minun kanssa "
    "mig oss tack snälla snalla bara på till det allt hädanefter med "
    "мне нам пожалуйста плиз на по это всё все мені будь ласка тепер це дальше далі "
    "теперь со мной нами зі мною переписываться общаться разговаривать переписуватися спілкуватися "
    "розмовляти "
    "من فضلك لو سمحت معي معنا لي علي عليّ إلي الي هاد هذا معايا معاي ويايا وياي".split()
)
# Words that make what follows the request a question about something ("can you tell me if
# the course is in English"), not the language to use.
_ABOUT_SOMETHING = re.compile(
    r"\b(?:if|whether|is|are|does|do|jos|onko|onks|om|är|finns|ли|чи)\b|(?:^|\s)هل(?=\s)"
)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    language: str
    wanted: bool  # False when the clause says it is not the one ("doesn't understand Swedish")


def _language_of_word(word: str) -> str | None:
    for language, stems in _LANGUAGE_NAME_STEMS.items():
        if any(stem in word for stem in stems):
            return language
    return None


def _clause_before(lowered: str, position: int, words: int = 4) -> str:
    """The last `words` words before `position`, from the start of its clause."""
    before = lowered[:position]
    breaks = list(_MENTION_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    return " ".join(before.split()[-words:])


def _mentions(lowered: str) -> list[_Mention]:
    """The languages a (lower-cased) message names, in order, and whether each is wanted."""
    found: list[_Mention] = []
    for word in _WORD.finditer(lowered):
        language = _language_of_word(word.group())
        if language is None:
            continue
        before = _clause_before(lowered, word.start())
        after = lowered[word.end() :]
        wanted = not _NOT_WANTED_BEFORE.search(before) and not _NOT_WANTED_AFTER.search(after)
        found.append(_Mention(word.start(), word.end(), language, wanted))
    return found


def named_languages(text: str) -> frozenset[str]:
    """Every language a message names, wanted or not ("учить финский" names Finnish)."""
    return frozenset(mention.language for mention in _mentions(normalise(text)))


# "voiks siellä puhua ruotsiks?" asks whether one may speak Swedish there, not the assistant.
_THERE = re.compile(r"\b(?:siellä|sielä|siel|täällä|tääl|där|there)\b")


# After a language the person wants to speak: better, with people, more (at the end of the
# clause or with people: "more slowly" still asks the assistant). They want practice, not
# the assistant's replies in it ("بدي احكي فنلندي اكتر مع ناس", "I want to speak Finnish
# better").
_PRACTICE_AFTER = re.compile(
    r"^\W*(?:(?:more|enemmän|enemman|mer|mera|اكتر|أكثر|اكثر|больше|більше)"
    r"(?=\s*(?:$|[,.!?؟،]|with\b|kanssa|med\b|مع|с\s|з\s))"
    r"|better|fluently|with (?:people|others|someone|locals|finns)"
    r"|paremmin|sujuvammin|(?:ihmisten|muiden|suomalaisten) kanssa"
    r"|bättre|battre|flytande|med (?:folk|andra|människor|manniskor|finnar)"
    r"|منيح|احسن|أحسن|افضل|أفضل|بطلاقة|مع (?:ناس|الناس|حدا|حد|فنلنديين)"
    r"|лучше|свободно|с (?:людьми|кем-то|кем-нибудь|финнами)"
    r"|краще|вільно|з (?:людьми|кимось|фінами))(?!\w)"
)


def explicit_switch_request(text: str) -> str | None:
    """The language of a request, anywhere in a longer message, that the assistant itself use
    a language: "can you answer in English, my wife doesn't understand Swedish", "voitko
    vastata englanniksi?", "kan du skriva på engelska", "ответь по-английски, пожалуйста",
    "можеш відповідати англійською", "ممكن ترد بالانجليزي". A language named in a question
    about a service ("is the course in English?", "puhutaanko siellä englantia?") is not one.
    """
    lowered = normalise(text)
    mentions = [m for m in _mentions(lowered) if m.wanted]
    requests = [*_ADDRESSED_REQUEST.finditer(lowered), *_IMPERATIVE_REQUEST.finditer(lowered)]
    for request in requests:
        mention = next((m for m in mentions if m.start >= request.end()), None)
        before = _clause_before(lowered, request.start())
        if (
            mention is None
            or _LEARNING_CUES.search(before)
            or _WHERE.search(before)
            or _THERE.search(request.group(0))
            or _PRACTICE_AFTER.search(lowered[mention.end :])
        ):
            # "where can I practise speaking Finnish", "onks paikkaa missä vois puhua
            # suomea?", "I want to speak Finnish better": the person speaks, somewhere, not
            # the assistant.
            continue
        between = lowered[request.end() : mention.start]
        if (
            all(w in _FILLERS for w in _WORD.findall(between))
            and not _SENTENCE_BREAK.search(between)
            and not _ABOUT_SOMETHING.search(between)
        ):
            return mention.language
    return None


def _named_in_part(text: str) -> str | None:
    """In a part of a message: the language of the last "in <language>" form ("بالإنجليزي",
    "по-английски", "англійською"), else the last language named."""
    forms = [m.group(0) for m in _IN_LANGUAGE.finditer(text)]
    for form in reversed(forms):
        language = _last_named_language(form)
        if language:
            return language
    return _last_named_language(text)


def _asks_to_use(part: str) -> bool:
    """Whether a part of a message asks the assistant to use a language ("can you speak",
    "احكي معي", "пиши"); "I don't understand" names the language that is not wanted."""
    return any(
        not _NOT_UNDERSTANDING.match(match.group(0)) for match in _SWITCH_CUES.finditer(part)
    )


def requested_language(text: str) -> str | None:
    """The language a switch request names ("in English please", "українською"), if any.

    The language named in the part of the message that asks to use one wins: "can you talk
    to me in English? I read Arabic slowly" asks for English, and so does "я не понимаю
    финский, давай на английском". Without such a part, an "in <language>" form wins over a
    bare name, and of several the last one ("not Russian, Ukrainian please"). An explicit
    request anywhere in the message (`explicit_switch_request`) names it first of all.
    """
    explicit = explicit_switch_request(text)
    if explicit:
        return explicit
    lowered = normalise(text)
    asking = [part for part in _CLAUSE_BREAK.split(lowered) if part and _asks_to_use(part)]
    for part in reversed(asking):
        language = _named_in_part(part)
        if language:
            return language
    return _named_in_part(lowered)


def short_switch_request(text: str) -> str | None:
    """The language of a short "in <language> please" message ("suomeksi kiitos",
    "українською, будь ласка"), which is a switch whatever the intent classifier thinks.

    A short question about a language ("это на русском?", "onko se venäjäksi?") is not one:
    it asks in which language the service is given (see `asks_about_a_language`).
    """
    lowered = normalise(text)
    said = [w for w in _WORD.findall(lowered) if w not in _FILLERS]
    if len(said) > MAX_WORDS_OF_A_SWITCH or not _IN_LANGUAGE.search(lowered):
        return None
    if asks_about_a_language(text) or _names_something_else(lowered):
        return None
    return requested_language(text)


def leading_switch_request(text: str) -> str | None:
    """The language of a short switch request that opens a message, when the rest only gives
    a reason ("а можна англійською? чоловік теж хоче почитати", "можно дальше по-английски?
    жена будет читать"): the rest asks nothing (no question mark). The opening request ends
    at its first punctuation, or, when that leaves a short request with a "please" or "from
    now on" in it, at the end of its sentence ("можна далі англійською, будь ласка? …")."""
    for end in (_CLAUSE_BREAK.search(text), _FIRST_SENTENCE_END.search(text)):
        if end is None:
            continue
        opening, rest = text[: end.end()].strip(), text[end.end() :]
        if not rest.strip() or "?" in rest or "؟" in rest:
            continue
        language = short_switch_request(opening)
        if language:
            return language
    return None


_FIRST_SENTENCE_END = re.compile(r"[.?!؟]+")
# Words of thanks, and of an "ok", in the six languages (regular expressions): one list for
# the rules that read a thanks or an ok (bot/nlu/rules.py) and for a switch after one.
THANKS_WORDS = (
    r"\b(?:kiitos|kiitti|kiitoksia|tack|tackar|thanks|thank you|thx|спасибо|спасиб"
    r"|дякую|spasibo|diakuiu|dyakuyu|merci)\b|شكرا|شكراً|مشكور|يسلمو|تسلم|ميرسي|مرسي"
    # Egyptian and Sudanese "متشكر(ة)", Iraqi "ممنون"
    r"|متشكر|ممنون"
)
OK_WORDS = r"\b(?:ok|okay|okey|okei|okej|ок|окей|окэй|ладно|хорошо|добре|гаразд)\b|تمام|طيب|ماشي"
# A thanks or an ok alone before the rest of a message ("дякую, а можна далі українською?").
_COURTESY_ALONE = re.compile(rf"^\W*(?:{THANKS_WORDS}|{OK_WORDS})\W*$")


def switch_request_after_thanks(text: str) -> str | None:
    """The language of a short switch request after a thanks or an ok ("дякую, а можна далі
    українською?", "thanks, in English please"): the thanks closes the answer, the rest asks
    for the language."""
    end = _CLAUSE_BREAK.search(text) or _FIRST_SENTENCE_END.search(text)
    if end is None or not _COURTESY_ALONE.match(normalise(text[: end.end()])):
        return None
    return short_switch_request(text[end.end() :])


def _names_something_else(lowered: str) -> bool:
    """Whether a short message naming a language names something else too: "civic
    orientation in Arabic", "samhällsorientering på arabiska" ask about a service; "in
    English please", "vastaa englanniksi", "можно по-русски" ask only for the language."""
    rest = _POLITE_OR_ASKING.sub(" ", _IN_LANGUAGE.sub(" ", lowered))
    return any(
        _language_of_word(w) is None and not _SWITCH_CUES.search(w) and w not in _FILLERS
        for w in _WORD.findall(rest)
    )


# Question words that make a message naming a language a question about something ("is it",
# "onko se", "är den", "чи це", "هل هي"), not a request to switch; other words ("это на
# русском?") need a question mark.
_QUESTION_WORDS = re.compile(
    r"\b(?:is|are|was|does|will|isn't|onko|onks|onkse|oliko|onkohan|opetetaanko|opetetaanks"
    r"|pidetäänkö|pidetäänks|järjestetäänkö|meneekö|meneeks|puhutaanko|puhutaanks"
    # "does it have to be", "is it enough": asking what the service needs
    # ("käykö englanniksi?" is left out: it asks to switch as often)
    r"|pitääkö|pitääks|täytyykö|täytyyks|riittääkö|tarvitseeko|tarviiko"
    r"|måste|maste|must|обязательно|обов'язково|обовязково"
    r"|är|finns|hålls|ges|ли|чи"
    # "also in Arabic" asks which languages it is given in ("saako sitä apua myös arabiaksi")
    r"|myös|myöskin|också|även|also|тоже|также|теж|також)\b"
    r"|(?:^|\s)(?:هل|لازم|ضروري|كمان|ايضا|أيضا|برضو)(?=\s)"
)
# Words that leave a short message naming a language a request to switch ("можно по-русски?",
# "voiko suomeksi?", "please", "kiitos").
_POLITE_OR_ASKING = re.compile(
    r"\b(?:please|pls|plz|can|could|we|you|thanks|kiitos|kiitti|voiko|voisitko|voitko|kiitos"
    r"|tack|snälla|kan|du|vi|пожалуйста|можно|давай|спасибо|будь|ласка|можна|дякую|давай"
    r"|дальше|далі|теперь|тепер|jatkossa|framöver|hädanefter"
    r"|не|а|ні|no|not|ei|inte|nej)\b"
    r"|(?:^|\s)(?:من|فضلك|لو|سمحت|ممكن|بليز|رجاء|رجاءً|لا|مش)(?=\s|$|[؟?،,.!])"
)


# "Or" in the six languages: the words, and Arabic's (Iraqi "لو" too, which elsewhere is the
# "لو" of "لو سمحت", please).
OR_WORDS = "or|vai|eller|или|чи|або"
ARABIC_OR_WORDS = "ولا|او|أو|لو"
# One language or the other, the first as the medium ("بالانكليزي لو بالفنلندي؟", "på finska
# eller svenska?").
_OR_AFTER_A_MEDIUM = re.compile(rf"(?:{_IN_LANGUAGE.pattern})\s+(?:{OR_WORDS}|{ARABIC_OR_WORDS})\s")


def _one_or_the_other(lowered: str) -> bool:
    """Whether a language is named as the medium, then "or" and another language."""
    return len(named_languages(lowered)) >= 2 and any(
        named_languages(lowered[found.end() :]) for found in _OR_AFTER_A_MEDIUM.finditer(lowered)
    )


def asks_about_a_language(text: str) -> bool:
    """Whether a message asks *about* a language rather than asking the assistant to use it:
    it names a language, has no word asking to use one ("speak", "puhu", "говори", "احكي"),
    and is a question: a question word ("onko se venäjäksi?", "чи це українською?", "هل هي
    بالعربي؟"), or a question mark after more than the language and polite words ("курс на
    русском?"). A bare "по-русски", "venäjäksi?" or "in English please" is not.
    """
    lowered = normalise(text)
    if requested_language(lowered) is None or _SWITCH_CUES.search(lowered):
        return False
    if _QUESTION_WORDS.search(lowered) or _one_or_the_other(lowered):
        return True
    if "?" not in lowered and "؟" not in lowered:
        return False
    # Only the parts naming a language count: in "а можно на английском? мне так понятнее"
    # the question is the bare request and the rest gives a reason.
    parts = [part for part in _CLAUSE_BREAK.split(lowered) if part and _last_named_language(part)]
    return any(_asks_more_than_the_language(part) for part in parts)


def _asks_more_than_the_language(part: str) -> bool:
    """Whether a part of a message has words besides languages and polite or asking words."""
    rest = _POLITE_OR_ASKING.sub(" ", _IN_LANGUAGE.sub(" ", part))
    return any(
        not any(stem in w for stems in _LANGUAGE_NAME_STEMS.values() for stem in stems)
        for w in _WORD.findall(rest)
    )


# Asking for a phrase to be translated is a general task, declined like other out-of-domain
# requests; the city's website translation is a service ("can I translate the city's page?").
_TRANSLATE = re.compile(
    r"\b(?:translate|käännä|kaanna|käännätkö|översätt|oversatt|переведи|переведите|перевести"
    r"|переклади|перекладіть|перекласти)\b|(?:^|\s)(?:ترجم|ترجملي|ترجمي|ترجمها)(?=\s|$)"
)
_PHRASE = re.compile(
    r"[«»\"“”„]|\b(?:good morning|hello|thank you|thanks|hyvää huomenta|huomenta|kiitos|god "
    r"morgon|tack|hej|доброе утро|спасибо|привет|добрий ранок|дякую|привіт)\b"
    r"|صباح الخير|شكرا|مرحبا"
)
_WEBSITE = re.compile(
    r"web|site|sivu|sida|sidan|сайт|сторінк|страниц|موقع|صفح|page|kauniainen|grankulla"
)


# What the service in context translates ("thanks! which languages can it translate into?"):
# a question about the website translation, the thanks before it no phrase to translate.
_IT_TRANSLATES = re.compile(r"\b(?:it|they)\s+translate")


def is_translation_task(text: str) -> bool:
    """Whether a message asks for a phrase to be translated ("translate good morning into
    Spanish", "переведи на английский «я опаздываю»"): out of the assistant's domain."""
    lowered = normalise(text)
    return bool(
        _TRANSLATE.search(lowered)
        and _PHRASE.search(lowered)
        and not _WEBSITE.search(lowered)
        and not _IT_TRANSLATES.search(lowered)
    )


def _learns_a_language(lowered: str) -> bool:
    """Whether a part of the message that names a language speaks of learning or practising
    it ("где учить финский"); "можна фінською? хочу практикуватися" asks for Finnish."""
    return any(
        _LEARNING_CUES.search(part) and _last_named_language(part)
        for part in _CLAUSE_BREAK.split(lowered)
        if part
    )


# Wanting or asking, in the clause that learns a language: "очень хочу выучить финский",
# "мне нужен курс финского", "where can I study Finnish", "بدي اتعلم فنلندي".
_WANTS_OR_ASKS = re.compile(
    r"\b(?:want\w*|wanna|would like|'d like|wish\w*|need\w*|where|how|can|could|is there|any"
    r"|what about"
    r"|halu\w*|tahto\w*|tahdo\w*|tarvi\w*|missä|missa|mistä|mista|miten|voi\w*|onko|onks"
    r"|pääs\w*|paas\w*|vill|ville|vilja|behöver|behover|var|vart|hur|kan|finns|önskar|onskar"
    r"|skulle|gärna"
    r"|хочу|хотела?|хотел\w*|хочется|нужен|нужна|нужно|надо|где|как|можно|куда|мечтаю"
    r"|хочеться|хотіл\w*|потрібн\w*|треба|де|як|можна|куди|мрію)\b"
    r"|بدي|ابغى|أبغى|ابي|أبي|عايز|عاوز|اريد|أريد|حاب|نفسي|وين|فين|كيف|ممكن|اقدر|بقدر"
    r"|بحب|ودي|اود|أود|بدها|بدو|بدنا"
    # Sudanese "داير" (I want)
    r"|داير|دايرة|دايره|دايرين"
)


# Finnish the language, not the country or its society ("kurssia Suomesta", "курс про
# финское общество", "the Finnish society": courses about Finland). Russian names the
# language in the masculine (язык), Ukrainian in the feminine (мова).
_FINNISH_LANGUAGE = re.compile(
    r"\b(?:suomea|suomee|suomen (?:kiel|kurssi|opi|tunn)\w*|suomeks\w*|suomi|finsk(?:a|an)?"
    r"|finnish|по-фински|по-фінськи|финск(?:ий|ого|ому|им|ом)|фінськ(?:а|ої|ій|у|ою))\b"
    r"(?!\s+(?:society|culture|life|system|values|samhälle\w*|kultur\w*|värderingar"
    r"|общест\w*|культур\w*|ценност\w*|суспільств\w*|цінност\w*))"
    # the values are no language ("دروس عن القيم الفنلندية والحقوق والواجبات")
    r"|(?<!المجتمع )(?<!الثقافة )(?<!الحياة )(?<!القيم )(?<![ء-ي])(?:ال)?فنلندي"
    # "haluun oppia suomen kunnolla": the language in the genitive after learning
    r"|(?:(?<=oppia )|(?<=opiskella )|(?<=opetella )|(?<=osata ))suomen\b"
    r"(?! (?:kulttuur|yhteiskun|histori|elämä|tapo)\w*)"
)


# What else one studies: a trade or a degree, not the language ("where can I study nursing?").
_NAMES_A_SUBJECT = re.compile(
    r"\b(?:nurs\w*|ammat\w*|tutkin\w*|yliopisto\w*|degree|university|profession\w*|trade"
    r"|yrke\w*|universitet\w*|examen|профес\w*|специальн\w*|университет\w*|вуз\w*"
    r"|університет\w*|фах\w*)\b|مهن|جامع|تخصص|شهاد"
)


# Speaking the language with people ("I want speak with real people in finnish", "اريد احچي ويا
# الناس", "хочу общаться"): the conversation groups, not a course.
_WITH_PEOPLE = re.compile(
    r"\b(?:speak\w*|talk\w*|chat\w*|practi[cs]\w*)\b.{0,25}\b(?:with|to) (?:real |other )?"
    r"(?:people|others|someone|locals|finns|finnish people)\b"
    # practising talking, said so ("a place where older people can just practise talking?")
    r"|\bpracti[cs]\w* (?:talking|speaking|conversation)\b"
    r"|\b(?:puhu|jutel|keskustel)\w*\b.{0,25}\b(?:oikei\w* |tavallis\w* )?"
    r"(?:ihmisten|muiden|suomalaisten|jonkun) kanssa\b"
    r"|\b(?:prata|tala|öva|ova)\w*\b.{0,25}\bmed (?:riktiga |vanliga |andra )?"
    r"(?:folk|andra|människor|manniskor|finnar)\b"
    r"|\b(?:говорить|поговорить|разговаривать)\b.{0,25}\bс (?:живыми |реальными |настоящими )?"
    r"(?:людьми|финнами|кем-то)\b"
    r"|\b(?:общаться|пообщаться|спілкуватися|поспілкуватися)\b"
    r"|\b(?:говорити|розмовляти|поговорити)\b.{0,25}\bз (?:живими |реальними |справжніми )?"
    r"(?:людьми|фінами|кимось)\b"
    r"|(?:احكي|احچي|اتكلم|نحكي|اتحدث|أتحدث)\s(?:\S+\s){0,3}?(?:مع|ويا) (?:ال)?(?:ناس|فنلنديين)"
    # someone to chat with (Gulf "اسولف"), a place to practise speaking
    r"|(?:اسولف|نسولف|أسولف) (?:مع|وياه|معه|معاه)"
    r"|(?:اتدرب|أتدرب|نتدرب)\S* (?:على|ع) (?:ال)?(?:كلام|حكي|حچي)"
)


def wants_to_speak_with_people(text: str) -> bool:
    """Whether the message wants to speak a language with people rather than take a course."""
    return bool(_WITH_PEOPLE.search(normalise(text)))


def wants_to_speak_finnish_with_people(text: str) -> bool:
    """Whether the message wants to speak Finnish with people ("I'd love to actually talk
    Finnish with people, not only with apps"): the conversation groups."""
    lowered = normalise(text)
    return bool(_WITH_PEOPLE.search(lowered) and _FINNISH_LANGUAGE.search(lowered))


# "The language", naming none, in a message that names no language: the country's, Finnish
# ("عايزة اتعلم اللغة عشان اعرف اتكلم مع الدكتور والجيران").
_THE_LANGUAGE = re.compile(
    r"\b(?:the language|kieltä|kielen|språket|язык|языку|мову)\b"
    r"|(?:^|\s)(?:ال|بال|هال)لغ[ةه](?=\s|$|[؟?،,.])"
)
# Not the other official language (Swedish), not "which language", not "no language study".
_OTHER_LANGUAGE = re.compile(
    r"\b(?:toi\w* kotimai\w*|andra inhemska|(?:second|other) (?:official|national|domestic)"
    r"|втор\w* (?:государств|официальн)\w*|друг\w* (?:державн|офіційн)\w*|mitä kieltä"
    r"|which language|vilket språk|какой язык|яку мову|ei (?:siis )?kielen)\b"
    r"|الرسمية (?:التانية|الثانية|التانيه|الثانيه)|(?:اي|أي) لغ[ةه]"
)


def wants_to_learn_finnish(text: str) -> bool:
    """Whether a clause of the message wants or asks to learn Finnish, and names neither
    Swedish nor a language it would be taught in: "Очень хочу наконец выучить финский",
    "gde mne uchit finskij" (read in Cyrillic); not "I learned Finnish already", "jag vill
    hellre lära mig svenska än finska", nor "can I do the course in English?". The clause may
    leave the language unnamed when the message names Finnish, and no other language,
    elsewhere: "Финский вообще не знаю … Куда мне можно пойти учиться?"."""
    lowered = normalise(text)
    if (language := typed_in_latin_letters(lowered)) is not None:
        lowered = read_text_in_cyrillic(lowered, language)
    named = named_languages(lowered)
    unnamed = (
        not named and bool(_THE_LANGUAGE.search(lowered)) and not _OTHER_LANGUAGE.search(lowered)
    )
    only_finnish = (bool(_FINNISH_LANGUAGE.search(lowered)) or unnamed) and named <= {"fi"}
    return any(
        _wants_finnish_in(part, only_finnish) for part in _CLAUSE_BREAK.split(lowered) if part
    )


# Knowing no Finnish at all ("int kan ja nån finska alls", "финский вообще на нуле", "ما بعرف
# ولا كلمة فنلندي"), and a closing question that asks nothing in particular ("Finns det nåt
# för mej?", "есть что-то для таких как я?"): with a stated group, the group's Finnish course.
_KNOWS_NO_FINNISH = re.compile(
    r"\ben (?:osaa|puhu) (?:yhtään |ollenkaan |juurikaan |vielä )?suome\w*"
    r"|\bsuomi (?:on |oon )?(?:ihan )?nolla"
    r"|\b(?:kan|talar|pratar) (?:ja |jag )?(?:inte|int|ingen|nån|någon) (?:\w+ )?finska"
    r"|\bingen finska|\bkan ja nån finska"
    r"|\b(?:don'?t|do not|can'?t|cannot) (?:speak|know|understand) (?:any )?finnish|\bno finnish\b"
    r"|\bknow no finnish|\bzero finnish\b"
    r"|\bне (?:знаю|говорю|понимаю) (?:по-фински|финск\w*)"
    r"|\bфинск\w* (?:у (?:меня|нас) )?(?:вообще |совсем |пока )?(?:не знаю|на нуле|ноль)"
    r"|\bне (?:знаю|розмовляю|розумію) (?:фінськ\w*|по-фінськи)"
    r"|\bфінськ\w* (?:у (?:мене|нас) )?(?:взагалі |зовсім |поки )?(?:не знаю|на нулі|нуль)"
    r"|(?:ما|مش) (?:بعرف|اعرف|أعرف|بحكي|احكي|بتكلم) (?:ولا )?(?:كلمة |كلمه |شي )?(?:ال)?فنلند"
    # the language, which here is Finnish ("Язык совсем не знаю")
    r"|\ben osaa (?:yhtään |ollenkaan )?kieltä|\bkan (?:inte|int) (?:\w+ )?språket"
    r"|\b(?:don'?t|do not) (?:speak|know) the language"
    r"|\bязык(?:а)? (?:вообще |совсем |пока )?не (?:знаю|знаем)|\bне знаю (?:вообще |совсем )?языка"
    r"|\bмов(?:у|и) (?:взагалі |зовсім |поки )?не (?:знаю|знаємо)"
    r"|\bне знаю (?:взагалі |зовсім )?мови"
    r"|(?:ما|مش) (?:بعرف|اعرف|أعرف) (?:ولا )?(?:كلمة |كلمه |شي )?(?:من )?اللغة"
)
_VAGUE_QUESTION = re.compile(
    r"\b(?:onko|onks|löytyykö|loytyyko) (?:mulle|minulle|meille) (?:mitään|jotain)"
    r"|\bmitä (?:mä|minä|ma|mina) (?:voin|voisin) tehdä"
    r"|\bfinns det (?:nåt|något|nånting|någonting) för (?:mej|mig|oss|sånna|såna)"
    r"|\bvad kan (?:ja|jag) göra\b"
    r"|\b(?:is there )?(?:anything|something) for (?:me|us|people like me)\b|\bwhat can i do\b"
    r"|\bесть (?:ли )?(?:что-то|что-нибудь|что нибудь) для (?:меня|нас|таких)"
    # "Есть для меня какие-то варианты?", "any options for me?"
    r"|\bесть (?:ли )?для (?:меня|нас) (?:\S+ )?(?:варианты|вариант|что-то|что-нибудь)"
    r"|\bє (?:для мене|для нас) (?:\S+ )?(?:варіанти|варіант|щось)|\bany options for (?:me|us)\b"
    r"|\bчто (?:мне )?(?:делать|можно сделать)\b"
    r"|\bє (?:щось|що-небудь) для (?:мене|нас|таких)|\bщо (?:мені )?(?:робити|можна зробити)\b"
    r"|في (?:شي|اشي|حاجة|حاجه) (?:ب?يناسبني|ب?تناسبني|الي|إلي|لي|ليا)|شو (?:بعمل|اعمل|لازم اعمل)"
    r"|اعمل (?:ايه|إيه)"
)


def learns_or_names_a_course(text: str) -> bool:
    """Whether the message names Finnish or a course, or speaks of learning: "Finnish classes
    for stay at home moms with childcare?" asks for the S2 classes, "how does the childcare
    work there?" about the service in context."""
    lowered = normalise(text)
    return bool(_FINNISH_LANGUAGE.search(lowered) or _LEARNING_CUES.search(lowered))


def knows_no_finnish_and_asks_vaguely(text: str) -> bool:
    """Whether the message says the person knows no Finnish and asks nothing in particular."""
    lowered = normalise(text)
    return bool(_KNOWS_NO_FINNISH.search(lowered) and _VAGUE_QUESTION.search(lowered))


def _wants_finnish_in(part: str, only_finnish: bool) -> bool:
    """`wants_to_learn_finnish` of one clause; `only_finnish`: the whole message names Finnish
    and no other language."""
    if not (_LEARNING_CUES.search(part) and _WANTS_OR_ASKS.search(part)):
        return False
    named = named_languages(part)
    return (
        (
            bool(_FINNISH_LANGUAGE.search(part))
            or (only_finnish and not named and not _NAMES_A_SUBJECT.search(part))
        )
        and "sv" not in named
        and not names_a_medium(part)
    )


def without_language_names(text: str) -> str:
    """The message without the words that name a language ("finns det svenskspråkig
    undervisning?" → "finns det undervisning?")."""
    return " ".join(w for w in text.split() if _language_of_word(normalise(w)) is None)


def learns_a_language(text: str) -> bool:
    """Whether the message speaks of learning or practising a language it names."""
    return _learns_a_language(normalise(text))


def learns_without_naming_a_medium(text: str) -> bool:
    """Whether the message learns a language it names and names none as the medium: "where
    can I learn Finnish?", but not "måste studierna vara på finska?" (studies in Finnish)."""
    lowered = normalise(text)
    return _learns_a_language(lowered) and not names_a_medium(lowered)


def names_a_medium(lowered: str) -> bool:
    """Whether a (lower-cased) message names a language as the medium of something: "in
    Finnish", "englanninkielinen kurssi"."""
    return bool(_IN_LANGUAGE.search(lowered) or _medium_adjective(lowered))


def _medium_adjective(lowered: str) -> bool:
    """Whether a word like "-kielinen", "-språkig" or "-язычный" names a language."""
    return any(_language_of_word(match.group(0)) for match in _LANGUAGE_AS_MEDIUM.finditer(lowered))


def asks_for_a_language(text: str) -> bool:
    """Whether a message the classifier took for a switch request really asks for one.

    Short messages ("russian please", "русский язык", "في لغة تانية؟") pass; a longer one
    needs a word that asks the assistant to use a language, so a question that only names
    a language ("where can my wife learn Finnish while at home with the baby?") is not a
    switch. Learning or practising the language named never is one ("где учить финский").
    """
    lowered = normalise(text)
    if _learns_a_language(lowered):
        return False
    words = len(_WORD.findall(lowered))
    if words <= MAX_WORDS_WITHOUT_A_CUE:
        return True
    if words <= MAX_WORDS_WITH_IN_LANGUAGE and _IN_LANGUAGE.search(lowered):
        return True
    return bool(_SWITCH_CUES.search(lowered))


def is_language_name(text: str) -> str | None:
    """The language when the whole message is just a language's name ("Svenska", "العربية")."""
    stripped = normalise(text).strip(" .!?")
    for language, name in NATIVE_NAMES.items():
        if stripped == name.lower():
            return language
    return None


@lru_cache(maxsize=1)
def _latin_model():  # pragma: no cover - trivial construction
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.FINNISH, Language.SWEDISH, Language.ENGLISH
    ).build()


@lru_cache(maxsize=1)
def _cyrillic_model():  # pragma: no cover - trivial construction
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.RUSSIAN, Language.UKRAINIAN).build()


def _model_guess(model, text: str) -> tuple[str, float]:
    values = model.compute_language_confidence_values(text)
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), float(top.value)


def _lexicon_guess(words: Iterable[str], candidates: Iterable[str]) -> str | None:
    """The candidate language with the most function words in `words`; a word that two
    candidates share ("я", "хочу") counts for neither."""
    candidates = tuple(candidates)
    words = list(words)
    hits = {
        lang: sum(
            word in _FUNCTION_WORDS[lang]
            and not any(word in _FUNCTION_WORDS[other] for other in candidates if other != lang)
            for word in words
        )
        for lang in candidates
    }
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def is_service_term(word: str, service_terms: frozenset[str]) -> bool:
    """Whether `word` is (an inflected form of) a Finnish or Swedish service term.

    Finnish inflects by changing the end of a word ("kotoutumiskoulutus" →
    "kotoutumiskoulutukseen"), so a long word matches a term it shares all but the last three
    letters of; short words must match exactly.
    """
    if word in service_terms:
        return True
    if len(word) < MIN_INFLECTED_TERM:
        return False
    return any(
        len(os.path.commonprefix((word, term))) >= max(MIN_INFLECTED_TERM, len(term) - 3)
        for term in _terms_by_start(service_terms).get(word[:MIN_INFLECTED_TERM], ())
    )


MIN_INFLECTED_TERM = 6


@lru_cache(maxsize=4)
def _terms_by_start(service_terms: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The long terms by their first letters: a word can only be a form of a term it starts
    like, so each word is compared with a few terms instead of all (once per message word)."""
    index: dict[str, list[str]] = {}
    for term in service_terms:
        if len(term) >= MIN_INFLECTED_TERM:
            index.setdefault(term[:MIN_INFLECTED_TERM], []).append(term)
    return {start: tuple(terms) for start, terms in index.items()}


def script_language(text: str) -> str:
    """A guess from the writing system alone: Arabic, Russian for Cyrillic, else English."""
    if _ARABIC.search(text):
        return "ar"
    if _CYRILLIC.search(text):
        return "uk" if _UKRAINIAN_ONLY.search(text) else "ru"
    return DEFAULT_LANGUAGE


def in_latin_script(text: str) -> bool:
    """No Arabic or Cyrillic letters: Finnish, Swedish, English, or Russian and Ukrainian
    typed in Latin letters (`script_language`'s default)."""
    return script_language(text) == DEFAULT_LANGUAGE


def detect_language(
    text: str,
    hint: str | None = None,
    service_terms: frozenset[str] = frozenset(),
    reply: bool = True,
) -> Detection:
    """Detect the language a message is written in.

    `service_terms` are lower-cased Finnish and Swedish service and place names ("kaikukortti",
    "kotoutumiskoulutus"): newcomers type them in every language, so they are ignored, and a
    message of nothing else keeps the conversation's language. A message with Arabic or
    Cyrillic letters is in Arabic, Russian or Ukrainian: Latin words in it are such names.
    `hint` (the client's language) is used only when the text itself does not tell.
    `reply`: the reading for the reply language, which also tells Cyrillic without a letter or
    function word of its own by the words only one of the Russian and Ukrainian dictionaries
    knows (`_dictionary_guess`) or by a word drawn out ("привеет"), and does not count "moi",
    the greeting everyone in Finland says, against the words of another language ("moi! vad e
    Perhesoppa?" is Swedish). The tokenizer keeps the reading without them
    (bot/nlu/tokenizer.py).
    """
    cleaned = _URL_OR_EMAIL.sub(" ", normalise(text))
    all_words = _WORD.findall(cleaned)
    arabic = len(_ARABIC.findall(cleaned))
    cyrillic = len(_CYRILLIC.findall(cleaned))
    if arabic >= 2 and arabic >= cyrillic:
        return Detection("ar", 1.0, "script")
    if cyrillic >= 2:
        words = [_once(w) for w in all_words if _CYRILLIC.search(w)]
        return _detect_cyrillic(words, "".join(words), hint, reply)
    words = [w for w in all_words if not is_service_term(w, service_terms)]
    letters = "".join(words)
    if hint in LANGUAGES and words and all(w in _INTERNATIONAL_WORDS for w in words):
        return Detection(hint, 0.5, "hint")
    if len(_LATIN.findall(letters)) >= 2:
        detection = _detect_latin(words, letters, cleaned, reply)
        if detection.language:
            return detection
    if hint in LANGUAGES:
        return Detection(hint, 0.5, "hint")
    return Detection(None, 0.0, "none")


# A letter typed twice or more in a row.
_ONE_LETTER_DRAWN_OUT = re.compile(r"(.)\1+")


def letters_once(word: str) -> str:
    """The word with each run of one letter read once: "hiii", "hello", "päivää", "привеет" →
    "hi", "helo", "päivä", "привет"."""
    return _ONE_LETTER_DRAWN_OUT.sub(r"\1", word)


def _once(word: str) -> str:
    """A word said twice with a hyphen ("здрасьте-здрасьте") as said once; others as they are."""
    first, *others = word.split("-")
    return first if others and all(part == first for part in others) else word


def _in_arabizi(cleaned: str, words: list[str]) -> bool:
    """Whether a Latin-letter message is Arabic typed in Latin letters (`_ARABIZI_WORDS`).
    The pieces of a word with digits are no Latin function words: "a5do" is not "a" and "do"."""
    signs = len(_ARABIZI_DIGIT_WORD.findall(cleaned)) + sum(w in _ARABIZI_WORDS for w in words)
    plain = _WORD.findall(_ARABIZI_DIGIT_WORD.sub(" ", cleaned))
    latin = sum(w in _LATIN_FUNCTION_WORDS for w in plain)
    return signs >= MIN_ARABIZI_SIGNS and signs > latin


def _detect_cyrillic(words: list[str], letters: str, hint: str | None, reply: bool) -> Detection:
    ukrainian = bool(_UKRAINIAN_ONLY.search(letters))
    russian = bool(_RUSSIAN_ONLY.search(letters))
    if ukrainian != russian:
        return Detection("uk" if ukrainian else "ru", 1.0, "script")
    by_words = _lexicon_guess(words, ("ru", "uk"))
    if by_words:
        return Detection(by_words, 0.9, "lexicon")
    if reply and (guess := _dictionary_guess(words)):
        return Detection(guess, 0.8, "dictionary")
    drawn_out = [letters_once(w) for w in words]
    if reply and drawn_out != words and (by_words := _lexicon_guess(drawn_out, ("ru", "uk"))):
        # A greeting drawn out ("привеет", "дякуюю"): the word said once, for the reply.
        return Detection(by_words, 0.9, "lexicon")
    if len(letters) >= MIN_LETTERS_FOR_MODEL:
        language, confidence = _model_guess(_cyrillic_model(), " ".join(words))
        if confidence >= MIN_CYRILLIC_MODEL_CONFIDENCE:
            return Detection(language, confidence, "model")
    if hint in ("ru", "uk"):
        return Detection(hint, 0.5, "hint")
    return Detection(None, 0.0, "none")


# Said in Finland whatever one's language: "moi" counts for Finnish only when nothing else does.
_SAID_BY_EVERYONE = frozenset({"moi"})


def _dictionary_guess(words: list[str]) -> str | None:
    """Russian or Ukrainian by the words only one of the two dictionaries knows, when one has
    more of them: "доброго утречка" has no letter and no function word of its own, but
    "утречка" is a Russian word and no Ukrainian one (lingua reads short phrases unsurely)."""
    unique = {"ru": 0, "uk": 0}
    for word in words:
        if len(word) < MIN_DICTIONARY_LETTERS:
            continue
        lowered = word.lower()
        in_ru, in_uk = morph("ru").word_is_known(lowered), morph("uk").word_is_known(lowered)
        if in_ru != in_uk:
            unique["ru" if in_ru else "uk"] += 1
    if unique["ru"] == unique["uk"]:
        return None
    return "ru" if unique["ru"] > unique["uk"] else "uk"


def _translit_guess(words: list[str]) -> str | None:
    """Russian or Ukrainian in Latin letters, when enough of their words are there: three of
    the frequent words above, or every word of a shorter message ("vvimkny muzyku", "mozhno
    s detmi?", "podrobnee"; words of one or two letters aside, and a lone word only if long
    and of one language). In a message with one of the frequent words, the others count too
    when, four letters or longer and no Finnish, Swedish or English function word, they read
    as words the Russian or Ukrainian dictionary knows ("vymkny telebachennia" → "вимкни
    телебачення")."""
    ru, uk = _TRANSLIT_WORDS["ru"], _TRANSLIT_WORDS["uk"]
    frequent = [w for w in words if w in ru or w in uk or w in _TRANSLIT_SHARED]
    if not frequent:
        return None  # "tell me more" is English, whatever the dictionary reads in it
    unique = {"ru": 0, "uk": 0}
    counted: set[str] = set()
    for word in words:
        if word in _TRANSLIT_SHARED:
            in_ru = in_uk = True
        elif word in ru or word in uk:
            in_ru, in_uk = word in ru, word in uk
        elif len(word) >= MIN_DICTIONARY_LETTERS and word not in _LATIN_FUNCTION_WORDS:
            in_ru, in_uk = reads_as_word(word, "ru"), reads_as_word(word, "uk")
        else:
            continue
        if in_ru or in_uk:
            counted.add(word)
        if in_ru != in_uk:
            unique["ru" if in_ru else "uk"] += 1
    longer = [w for w in words if len(w) > 2]
    every_word = all(w in counted for w in longer) and (
        len(counted) >= 2 or any(len(w) >= MIN_LONE_LETTERS and _unique_to_one(w) for w in longer)
    )
    latin = sum(w in _LATIN_FUNCTION_WORDS for w in words)
    if not (len(frequent) >= MIN_TRANSLIT_WORDS or every_word) or latin >= len(counted):
        return None
    if unique["ru"] != unique["uk"]:
        return "ru" if unique["ru"] > unique["uk"] else "uk"
    # As many words of one as of the other ("prognoz pogody na subotu"): the one more of the
    # words read as, Russian when even.
    reads = {lang: sum(reads_as_word(w, lang) for w in longer) for lang in ("ru", "uk")}
    return "uk" if reads["uk"] > reads["ru"] else "ru"


def typed_in_latin_letters(text: str) -> str | None:
    """ "ru" or "uk" for Russian or Ukrainian typed in Latin letters ("a kto tuda mozhet
    hodit?"), by their frequent words and the dictionary alone: no language model is loaded,
    so the action server can ask it of any message at no cost."""
    if not in_latin_script(text):
        return None
    return _translit_guess(_WORD.findall(normalise(text)))


def _unique_to_one(word: str) -> bool:
    """Whether a frequent transliterated word belongs to Russian or Ukrainian only."""
    in_ru, in_uk = word in _TRANSLIT_WORDS["ru"], word in _TRANSLIT_WORDS["uk"]
    return in_ru != in_uk and word not in _TRANSLIT_SHARED


def _detect_latin(words: list[str], letters: str, cleaned: str, reply: bool) -> Detection:
    """The language of a message in Latin letters: Arabic, Russian or Ukrainian typed in them
    first (`cleaned` keeps the digits Arabizi writes), then Finnish, Swedish or English."""
    if _in_arabizi(cleaned, words):
        return Detection("ar", 0.9, "lexicon")
    translit = _translit_guess(words)
    if translit:
        return Detection(translit, 0.9, "lexicon")
    counted = [w for w in words if w not in _SAID_BY_EVERYONE] if reply else words
    by_words = _lexicon_guess(counted or words, ("fi", "sv", "en"))
    hits = sum(w in _FUNCTION_WORDS[by_words] for w in words) if by_words else 0
    if by_words and hits >= 2:
        return Detection(by_words, 0.95, "lexicon")
    if len(letters) >= MIN_LETTERS_FOR_MODEL:
        language, confidence = _model_guess(_latin_model(), " ".join(words))
        if confidence >= MIN_MODEL_CONFIDENCE:
            return Detection(language, confidence, "model")
    if by_words:
        return Detection(by_words, 0.9, "lexicon")
    return Detection(None, 0.0, "none")
