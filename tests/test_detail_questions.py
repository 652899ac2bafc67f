"""What a short question about the service in context asks (bot/detail_questions.py)."""

from __future__ import annotations

import pytest

from bot.detail_questions import MAX_WORDS_OF_A_QUESTION_IN_CONTEXT, followup_topic


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("kauanko testi kestää", "schedule"),
        ("بيجتمعوا كل جمعة ولا مرة بالشهر؟", "schedule"),  # every week?
        ("is it weekly or less often?", "schedule"),
        ("بدها تحويل ولا بقدر اجي على طول؟", "referral"),  # a referral, or just come?
        ("طيب والمكتب فينه؟", "location"),  # where is it?
        # may one, even though
        ("pääseekö sinne vaikka on eläkkeellä?", "eligibility"),
        ("får jag det fast jag är pensionär?", "eligibility"),
        ("can i still get it even if i am not unemployed?", "eligibility"),
        ("а её выдадут даже если я работаю? можно?", "eligibility"),
        ("ممكن اخدها حتى لو انا بشتغل؟", "eligibility"),
        # an appointment booked
        ("måste jag boka en tid först?", "signup"),
        ("miten sinne varataan aika?", "signup"),
        # the little ones brought along
        ("а малу можна взяти з собою?", "childcare"),
        ("можно прийти с двумя детьми?", "childcare"),
        ("pitääks olla työtön?", "eligibility"),
        ("мне надо, чтобы кто-то туда направил?", "referral"),
        ("in what place is it held", "location"),
        ("mist kohtaa se on?", "location"),
        ("وين بالصفحة بلاقيها؟", "location"),
        ("сколько времени это займёт?", "schedule"),
        # the child in context brought along
        ("kan jag ta honom med mej dit?", "childcare"),
        ("can i bring him along to class?", "childcare"),
        ("можно взять его с собой на урок?", "childcare"),
        ("how many hours does the test take", "schedule"),
        ("måste studierna vara på finska?", "teaching_language"),
        ("هل يجب أن تكون الدراسة بالفنلندية فقط؟", "teaching_language"),
        ("а с ребенком что будет, пока я на уроке сижу?", "childcare"),
        ("can I bring my baby?", "childcare"),
        ("voinko ottaa vauvan mukaan?", "childcare"),
        ("أقدر أجيب ولادي معي؟", "childcare"),
        ("can my wife come too?", "eligibility"),
        ("Hän on eläkkeellä, voiko hän silti osallistua?", "eligibility"),
        ("مين بيحقله يروح؟", "eligibility"),
        ("jag är föräldraledig just nu, kan jag ändå vara med?", "eligibility"),
        ("maste man vara arbetslos for att fa gora det?", "eligibility"),
        ("I'm on parental leave now, can I still take part?", "eligibility"),
        ("там можно записаться и тем, кто не в TE?", "eligibility"),
        ("pitääkö olla työtön?", "eligibility"),
        ("لازم اكون مسجل بالتي اي؟", "eligibility"),
        ("чи треба бути зареєстрованим?", "eligibility"),
        ("учёба должна быть на финском?", "teaching_language"),  # the language, not who
        ("kuka tämän kortin voi hakea?", "eligibility"),
        ("voiko mun miehenkin tehdä sen?", "eligibility"),
        ("mun vaimo ei osaa suomea. hän voi tulla?", "eligibility"),  # asked by "?" alone
        ("är det för de som bor i Grankulla?", "eligibility"),
        ("is it also for people who work part time?", "eligibility"),
        ("а это для тех, кто живёт в Эспоо?", "eligibility"),
        ("це тільки для тих, хто без роботи?", "eligibility"),
        ("а заочний курс теж підійде?", "eligibility"),
        ("هي متاحة للي ساكنين باسبو؟", "eligibility"),
        # Russian and Ukrainian in Latin letters, read in Cyrillic
        ("a kto tuda mozhet prijti?", "eligibility"),
        ("a gde eto?", "location"),
        ("где это находится?", "location"),
        ("من وين بجيبها؟", "location"),
        ("а где её можно получить?", "location"),
        ("як записатись туди?", "signup"),
        ("which day of the week is it?", "schedule"),
        ("vilken veckodag är det?", "schedule"),
        ("kan jag ta med lillen?", "childcare"),
        ("vilka andra språk finns det?", "teaching_language"),
        # spoken Finnish forms, a language as an adjective, an interpreter
        ("onks se suomeks vai enkuks?", "teaching_language"),
        ("käykö ruotsinkielinen ryhmä?", "teaching_language"),
        ("saako sinne tulkin?", "teaching_language"),
        ("is there an interpreter?", "teaching_language"),
        ("الدروس بالانقليزي؟", "teaching_language"),
        # not knowing the language asks who may take part, unless a medium is asked besides
        ("mitä jos en osaa suomea, pääsenkö silti?", "eligibility"),
        ("я не говорю по-фински, мне можно?", "eligibility"),
        ("ما بحكي فنلندي، بقدر اروح؟", "eligibility"),
        ("не розмовляю фінською, мені можна?", "eligibility"),
        ("я не знаю финский, это на русском?", "teaching_language"),
        ("ما بعرف فنلندي، الكورس بالعربي؟", "teaching_language"),
        ("بأي مكان بتكون الحصص؟", "location"),
        ("можно жену с собой взять?", "eligibility"),
        ("can I bring my mother along?", "eligibility"),
        ("а малого можно там оставить?", "childcare"),
        ("my youngest is 10 months, can he be with me?", "childcare"),
        ("чи можна онлайн, чи тільки в офіс?", "location"),
        ("hoidetaanko se puhelimessa vai paikan päällä?", "location"),
        ("träffas vi på plats?", "location"),
        ("skolko let dolzhno byt?", "eligibility"),
        # at home with a child is the person's life, not a child brought along
        ("я не безработная, сижу дома с ребёнком, мне это подходит?", "eligibility"),
        ("olen kotona lapsen kanssa, voinko tulla?", "eligibility"),
        ("I stay at home with my two small kids, can I join?", "eligibility"),
        ("jag är hemma med barnen, får jag vara med?", "eligibility"),
        ("I'm at home, can I bring my baby along?", "childcare"),
        # looked after meanwhile
        ("kan någon passa barnen under lektionen?", "childcare"),
        ("а за малышом там присмотрят?", "childcare"),
        ("onko lapsille hoitoa kurssin aikana?", "childcare"),
        ("а дитину там доглянуть?", "childcare"),
        ("а дочку с собой взять можно?", "childcare"),
        ("а малий може бути зі мною на уроці?", "childcare"),
        # money and time in other words
        ("а по деньгам сколько это?", "cost"),
        ("денег за это берут?", "cost"),
        ("hur lange haller kursen pa?", "schedule"),
        ("الكورس ده كام ساعه في الاسبوع؟", "schedule"),  # Egyptian "how many"
        ("بكام الكورس ده؟", "cost"),
        # where to get the one in context, or where it takes place
        ("mistä sitä voi hakea?", "location"),
        ("var får jag tag på kortet?", "location"),
        ("var ar kursen?", "location"),
        ("where do they hold them?", "location"),
        ("وين بيكون الدرس؟", "location"),
        ("и где его получают?", "location"),
        ("де там взяти таку картку?", "location"),
        ("а де ці заняття проходять?", "location"),
        # without the marks people leave out, and Arabic letters written either way
        ("kuinka kauan se kestaa?", "schedule"),
        ("hur manga veckor ar det?", "schedule"),
        ("maste jag kunna finska for det?", "eligibility"),
        ("كيف اسجل فيها؟", "signup"),
        ("ممكن أجيب امي معي؟", "eligibility"),
        # where exactly, in which place, where they meet
        ("so where do they meet?", "location"),
        ("и где конкретно это?", "location"),
        ("а в якому місці її дають?", "location"),
        ("где её выдают?", "location"),
        ("а де на сторінці його шукати?", "location"),
        # when it starts or takes place, how long it lasts
        ("and when does the next group start", "schedule"),
        ("а когда эти встречи проходят?", "schedule"),
        ("коли вони збираються?", "schedule"),
        ("milloin ryhmä kokoontuu?", "schedule"),
        ("قديش بيطول هاد البرنامج؟", "schedule"),
        # a small child said colloquially; bringing an adult; does it apply to us
        ("а мелкого куда деть пока я на занятии?", "childcare"),
        ("а с таким маленьким туда пускают?", "childcare"),
        ("فيني جيب اختي معي؟", "eligibility"),
        ("gäller det oss också?", "eligibility"),
        ("does this apply to pensioners too?", "eligibility"),
        # where to go, where it is switched on; coming without a referral
        ("okay, where should we go then?", "location"),
        ("а де там ця функція вмикається?", "location"),
        ("can I just walk in?", "referral"),
        ("får man bara komma dit?", "referral"),
        # spoken Swedish ("ja", "mej", "e", "va", "me") and Finnish ("mist", "millon")
        ("hur lang e den?", "schedule"),
        ("kan ja ta me babyn?", "childcare"),
        ("hur anmaler ja mej dit", "signup"),
        ("e den gratis", "cost"),
        ("behover ja va inskriven?", "eligibility"),
        ("onks tää ilmanen?", "cost"),
        ("mist ton saa", "location"),
        ("millon se alkaa taas", "schedule"),
        ("tarviinko lähetteen?", "referral"),
        ("miten siihen ilmottaudutaan", "signup"),
        # and short forms elsewhere
        ("سعرها كام؟", "cost"),
        ("وين مكانه بالزبط", "location"),
        ("كم مدتها؟", "schedule"),
        ("كيف بنسجل؟", "signup"),
        ("ايش لغته؟", "teaching_language"),
        ("what language?", "teaching_language"),
        ("а почём?", "cost"),
        ("а сколько оно стоит?", "cost"),
        ("когда старт?", "schedule"),
        # does it suit me
        ("mä oon eläkkeellä, sopiiko se mulle?", "eligibility"),
        ("passar den oss som inte jobbar?", "eligibility"),
        ("is it suitable for me without a degree?", "eligibility"),
        # having to speak the language asks who may take part
        ("а надо знать финский для этого?", "eligibility"),
        ("ولازم اعرف فنلندي قبل ما ابدأ؟", "eligibility"),
        ("pitääkö mun osata suomea?", "eligibility"),
        # for whom it is, or only for some
        ("kenelle se kortti on tarkoitettu?", "eligibility"),
        ("а кому его вообще дают?", "eligibility"),
        ("who is it for, me or my husband?", "eligibility"),
        ("can we go together or only me?", "eligibility"),
        ("а мамы тоже ходят или только папы с детьми?", "eligibility"),
        ("а можна онлайн чи тільки очно?", "location"),  # where, not who
        ("ممكن تجي معي جارتي؟", "eligibility"),
        # the child looked after meanwhile, by its words
        ("entä missä vauva on silloin kun mä oon kurssilla", "childcare"),
        ("who looks after the kids while I'm there?", "childcare"),
        ("малих з собою можна?", "childcare"),
        # how long, how much money, how to sign up, where to find it, in everyday words
        ("сколько это по времени занимает?", "schedule"),
        ("а гроші за це беруть?", "cost"),
        ("täytyykö mun ilmottautua etukäteen", "signup"),
        ("hur gör man för att komma med?", "signup"),
        ("а записываться где-то надо?", "signup"),
        ("var ska vi gå för att få en sån?", "location"),
        ("де там ця кнопка?", "location"),
        # hours a week and how long a meeting is, not the price "paljonko" also asks
        ("paljonko tunteja viikossa siellä pitää istua", "schedule"),
        ("is it like two hours per week", "schedule"),
        ("kuinka pitkä se ryhmä on kerralla?", "schedule"),
        # a bill afterwards, forking out
        ("kommer det en räkning sen?", "cost"),
        ("behöver vi punga ut för det?", "cost"),
        # where to hand in the application
        ("а куди саме подавати заяву на це?", "signup"),
        # the little one, and someone looking after them meanwhile
        ("kan lillan vara med under tiden?", "childcare"),
        ("مين رح يتطلع على ولادي وقت بكون بالدرس؟", "childcare"),
        ("وبتقدر تجيب الصغار معها؟", "childcare"),
        # in person or at a distance, before the "may one" of who may take part
        ("voiko sinne osallistua etänä?", "location"),
        ("kan vi komma dit personligen eller bara ringa?", "location"),
        ("can I do the whole thing over zoom?", "location"),
        # the building; open on a weekday; a whole day; when one may come
        ("in which building are the lessons held?", "location"),
        ("är det öppet eller e dom öppna på söndagar?", "schedule"),
        ("går det en hel dag åt till det?", "schedule"),
        ("а коли можна туди приходити?", "schedule"),
        # colloquial Swedish "who is it that", "måst"; the office to direct me, or straight
        ("vem e det som får delta då?", "eligibility"),
        ("måst man va medlem i församlingen?", "eligibility"),
        ("pitääkö jonkun ohjata mut sinne?", "referral"),
        ("vai voinko mennä suoraan paikan päälle?", "referral"),
        # meanwhile; "скока"; a parent too; Iraqi "يكدر"; open to; online too
        ("а сыночка куда на это время?", "childcare"),
        ("и скока это стоит вообще?", "cost"),
        ("а папа тоже может прийти с малышом?", "eligibility"),
        ("منو يكدر يروح؟", "eligibility"),
        ("هل هي مفتوحة للكل؟", "eligibility"),
        ("could the lessons be online too?", "location"),
        ("а по яких днях вони працюють?", "schedule"),
        ("kan vi ta med minstingen?", "childcare"),
        ("missä vauva on sillä aikaa?", "childcare"),
        # where to get the one in context, where it is done or given
        ("where could we pick it up", "location"),
        ("where do they hand out that one?", "location"),
        ("var kan vi hämta den?", "location"),
        ("missä niitä ryhmiä oikein järjestetään", "location"),
        ("а где их можно взять?", "location"),
        ("mistäs me saadaan semmosen", "location"),  # the verb before the pronoun
        ("والمدرسة دي مكانها فين؟", "location"),  # its place, where
        ("بيكون انهي يوم عادة؟", "schedule"),  # which day
        ("hur mycke ska man plugga i veckan?", "schedule"),  # how much a week
        ("vem har rätt till den?", "eligibility"),
        ("från vilket kontor får man den?", "location"),
        ("is it the whole day or a couple of hours?", "schedule"),
        ("what weekday is it?", "schedule"),
        ("а це довго триває?", "schedule"),
        ("а где их дают?", "location"),
        # signing up first, or just coming
        ("надо ли записываться или можно просто прийти?", "signup"),
        ("pitääkö ilmoittautua vai voiko vaan mennä?", "signup"),
        # one language or another, named as the medium
        ("saiskohan sitä neuvontaa venäjäks vai pelkästään suomeks", "teaching_language"),
        ("kan man få hjälpen på ryska eller bara på finska", "teaching_language"),
        ("a pomosh na russkom byvaet ili tolko po finski", "teaching_language"),
        # a whole day, which town, where they hold them, Gulf "وين تكون"
        ("kestääkö se koko päivä?", "schedule"),
        ("in what city is that?", "location"),
        ("where they hold those meetings", "location"),
        ("وين تكون الدروس؟", "location"),
        # fathers may come, or only mothers; must one have; who at all may get one
        ("а папам можно с детьми?", "eligibility"),
        ("или там одни мамы ходят?", "eligibility"),
        ("måste man ha barn för att gå dit?", "eligibility"),
        ("a kto tam mozhet poluchit?", "eligibility"),
        # where one must live; does it suit me; is it all right for us to go
        ("pitääkö meidän asua Kauniaisissa?", "eligibility"),
        ("måste man bo i Grankulla för det?", "eligibility"),
        ("do we have to live in Espoo for it?", "eligibility"),
        ("а нам это вообще подходит?", "eligibility"),
        ("а мені це взагалі підходить?", "eligibility"),
        ("عادي اروح لو مش مسيحية؟", "eligibility"),
        ("لازم اسكن بكاونياينن؟", "eligibility"),
        # for how long; where they make it; where they receive it
        ("на какой срок это дают?", "schedule"),
        ("where do they do it?", "location"),
        ("а де її видають?", "location"),
        # Finland-Swedish "tösen"; may she still start; Gulf "يصير"; fathers there too
        ("vem passar tösen medan ja e på lektionen?", "childcare"),
        ("får hon ändå börja där?", "eligibility"),
        ("يصير اشارك لو متقاعد؟", "eligibility"),
        ("а папы туда тоже могут?", "eligibility"),
        # other languages; where they issue it; do I sign up; how do we get one
        ("is it also in other languages?", "teaching_language"),
        ("والبطاقة بيعطوها وين؟", "location"),
        ("do i sign up myself?", "signup"),
        ("so how can we actually get it?", "signup"),
        ("missä niitä lippuja jaetaan", "location"),
        # to fork out; for whom it is meant; the part of town; who looks after him meanwhile
        ("joutuuko siitä kortista pulittaa jotain", "cost"),
        ("kenelle se kortti oikeestaan on tarkotettu", "eligibility"),
        ("i vilken stadsdel e den där skolan, kan hon åka buss dit", "location"),
        ("eller vem tar hand om honom under lektionen?", "childcare"),
        # whether residents can use it; Iraqi "لو" (or) between two languages; may she go
        ("is it for sure that people living in kauniainen can use it?", "eligibility"),
        ("بالانكليزي لو بالفنلندي؟", "teaching_language"),
        ("عادي فيها تروح؟", "eligibility"),
        # where she stays while I am in class; whether the wife too may sign up
        ("طب هو هيقعد فين وانا في الدرس؟", "childcare"),
        ("ومرتي كمان بتقدر تسجل؟", "eligibility"),
        # in Helsinki or here; a day or more; hours a week
        ("а ці курси десь у Гельсінкі чи можна тут?", "location"),
        ("are the classes in Helsinki or nearby?", "location"),
        ("paljonko viikossa pitää olla tunteja", "schedule"),
        # the language of teaching named; the other languages; "costs", Levantine; located
        ("а мова навчання там яка?", "teaching_language"),
        ("какой там язык обучения?", "teaching_language"),
        ("what other languages is it in", "teaching_language"),
        ("وقديش بيكلف؟", "cost"),
        ("missä tää toimisto sijaitsee", "location"),
        # on the net, from home; the whole day; may fathers come; Maghrebi "how much"
        ("voiko sitä käydä netissä?", "location"),
        ("går det att göra hemifrån?", "location"),
        ("håller den på hela dagen?", "schedule"),
        ("får mammor också delta?", "eligibility"),
        ("بشحال هادشي؟", "cost"),
        ("والثمن؟", "cost"),
        # the little one meanwhile
        ("entäs pikkuselle, kuka hoitaa sillä aikaa?", "childcare"),
        # where one gets it; how much they take, or for free; here or elsewhere, in Arabic
        ("var kan man få tag på kortet?", "location"),
        ("a gde ego berut?", "location"),
        ("сколько за курс возьмут?", "cost"),
        ("а это даром?", "cost"),
        ("الكورس بإسبو ولا هون؟", "location"),
        # residents of a town, may they
        ("а студентам это тоже можно?", "eligibility"),
    ],
)
def test_the_detail_asked_about_the_service_in_context(message, topic):
    assert followup_topic(message, MAX_WORDS_OF_A_QUESTION_IN_CONTEXT) == topic


@pytest.mark.parametrize(
    "message",
    [
        "what about hobbies for kids, like football or swimming?",  # the family services again
        "а гуртки спортивні для дітей є якісь недорогі? він футбол любить",
        "what is the test exactly?",
        "where can I learn Finnish?",  # a service, not the address of the one in context
        "where do we go to study Finnish?",
        "what language do you speak?",  # asks the assistant
        "can I sign up online?",  # signing up on the net, not where it is
        "ilmoittaudutaanko sinne netissä?",
        "verkossa vai toimistolla?",  # one of two ways, after a question of signing up
        "where do you have Finnish classes for mothers?",
        "mistä saa apua?",
        # one's level of a language, not the one it is taught in: the level test
        "а як дізнатися, який у мене рівень української і фінської?",
        "mistä tiedän mikä mun suomen taso on?",
        "how do I get there",
        # where a service is, told of in words: a first question, not the one in context
        "где тут помогают беженцам найти жильё",
        "kumpi voitti eilen suomi vai ruotsi",  # countries, not languages
        "can I learn Finnish or Swedish here?",  # which to learn
        "where can I get help with my CV",
        "ok thanks",
        "kuinka pitkä matka sinne on Espoosta",  # how far
        "kuinka pitkä on Suomen pisin joki",  # how long a river is
        "räknar du ut det åt mig?",  # to count, no bill
        "where i can get it?",  # where, not who may
        "بالعربي لو سمحت",  # "لو" of "please"
        # a story tells more than one detail
        "I have two small kids and my husband works, we moved here in May, can I bring the"
        " baby with me to the course?",
    ],
)
def test_other_questions_ask_no_detail(message):
    assert followup_topic(message, MAX_WORDS_OF_A_QUESTION_IN_CONTEXT) is None
