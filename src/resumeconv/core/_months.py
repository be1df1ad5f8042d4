"""Month names and their abbreviations in LinkedIn's UI languages, lower case, month 1 to 12.

Data, not code: the
wide and abbreviated month names of CLDR 47 (Unicode License), in both the format (genitive: ``stycznia``,
``января``) and stand-alone forms, as Babel 2.19 ships them; written out once so that no user needs Babel. Names
with digits (``1月``, ``tháng 1``) are read by patterns in ``dates``, not looked up here.
"""

#: language -> twelve entries (January first), each the month's spellings separated by spaces
MONTH_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        'january jan', 'february feb', 'march mar', 'april apr', 'may', 'june jun', 'july jul', 'august aug',
        'september sep sept', 'october oct', 'november nov', 'december dec',
    ),
    "es": (
        'enero ene', 'febrero feb', 'marzo mar', 'abril abr', 'mayo may', 'junio jun', 'julio jul', 'agosto ago',
        'septiembre sept', 'octubre oct', 'noviembre nov', 'diciembre dic',
    ),
    "pt": (
        'janeiro jan', 'fevereiro fev', 'março mar', 'abril abr', 'maio mai', 'junho jun', 'julho jul', 'agosto ago',
        'setembro set', 'outubro out', 'novembro nov', 'dezembro dez',
    ),
    "fr": (
        'janvier janv', 'février févr', 'mars', 'avril avr', 'mai', 'juin', 'juillet juil', 'août', 'septembre sept',
        'octobre oct', 'novembre nov', 'décembre déc',
    ),
    "de": (
        'januar jan', 'februar feb', 'märz mär', 'april apr', 'mai', 'juni jun', 'juli jul', 'august aug',
        'september sept sep', 'oktober okt', 'november nov', 'dezember dez',
    ),
    "it": (
        'gennaio gen', 'febbraio feb', 'marzo mar', 'aprile apr', 'maggio mag', 'giugno giu', 'luglio lug',
        'agosto ago', 'settembre set', 'ottobre ott', 'novembre nov', 'dicembre dic',
    ),
    "nl": (
        'januari jan', 'februari feb', 'maart mrt', 'april apr', 'mei', 'juni jun', 'juli jul', 'augustus aug',
        'september sep', 'oktober okt', 'november nov', 'december dec',
    ),
    "pl": (
        'stycznia sty styczeń', 'lutego lut luty', 'marca mar marzec', 'kwietnia kwi kwiecień', 'maja maj',
        'czerwca cze czerwiec', 'lipca lip lipiec', 'sierpnia sie sierpień', 'września wrz wrzesień',
        'października paź październik', 'listopada lis listopad', 'grudnia gru grudzień',
    ),
    "tr": (
        'ocak oca', 'şubat şub', 'mart mar', 'nisan nis', 'mayıs may', 'haziran haz', 'temmuz tem', 'ağustos ağu',
        'eylül eyl', 'ekim eki', 'kasım kas', 'aralık ara',
    ),
    "sv": (
        'januari jan', 'februari feb', 'mars', 'april apr', 'maj', 'juni', 'juli', 'augusti aug', 'september sep',
        'oktober okt', 'november nov', 'december dec',
    ),
    "da": (
        'januar jan', 'februar feb', 'marts mar', 'april apr', 'maj', 'juni jun', 'juli jul', 'august aug',
        'september sep', 'oktober okt', 'november nov', 'december dec',
    ),
    "nb": (
        'januar jan', 'februar feb', 'mars mar', 'april apr', 'mai', 'juni jun', 'juli jul', 'august aug',
        'september sep', 'oktober okt', 'november nov', 'desember des',
    ),
    "ro": (
        'ianuarie ian', 'februarie feb', 'martie mar', 'aprilie apr', 'mai', 'iunie iun', 'iulie iul', 'august aug',
        'septembrie sept', 'octombrie oct', 'noiembrie nov', 'decembrie dec',
    ),
    "cs": (
        'ledna led leden', 'února úno únor', 'března bře březen', 'dubna dub duben', 'května kvě květen',
        'června čvn červen', 'července čvc červenec', 'srpna srp srpen', 'září zář', 'října říj říjen',
        'listopadu lis listopad', 'prosince pro prosinec',
    ),
    "sk": (
        'januára jan január', 'februára feb február', 'marca mar marec', 'apríla apr apríl', 'mája máj', 'júna jún',
        'júla júl', 'augusta aug august', 'septembra sep september', 'októbra okt október', 'novembra nov november',
        'decembra dec december',
    ),
    "id": (
        'januari jan', 'februari feb', 'maret mar', 'april apr', 'mei', 'juni jun', 'juli jul', 'agustus agu',
        'september sep', 'oktober okt', 'november nov', 'desember des',
    ),
    "ms": (
        'januari jan', 'februari feb', 'mac', 'april apr', 'mei', 'jun', 'julai jul', 'ogos ogo', 'september sep',
        'oktober okt', 'november nov', 'disember dis',
    ),
    "ru": (
        'января янв январь', 'февраля февр февраль', 'марта мар март', 'апреля апр апрель', 'мая май', 'июня июн июнь',
        'июля июл июль', 'августа авг август', 'сентября сент сентябрь', 'октября окт октябрь', 'ноября нояб ноябрь',
        'декабря дек декабрь',
    ),
    "uk": (
        'січня січ січень', 'лютого лют лютий', 'березня бер березень', 'квітня квіт квітень', 'травня трав травень',
        'червня черв червень', 'липня лип липень', 'серпня серп серпень', 'вересня вер вересень', 'жовтня жовт жовтень',
        'листопада лист листопад', 'грудня груд грудень',
    ),
    "hu": (
        'január jan', 'február febr', 'március márc', 'április ápr', 'május máj', 'június jún', 'július júl',
        'augusztus aug', 'szeptember szept', 'október okt', 'november nov', 'december dec',
    ),
    "fi": (
        'tammikuuta tammi tammikuu', 'helmikuuta helmi helmikuu', 'maaliskuuta maalis maaliskuu',
        'huhtikuuta huhti huhtikuu', 'toukokuuta touko toukokuu', 'kesäkuuta kesä kesäkuu', 'heinäkuuta heinä heinäkuu',
        'elokuuta elo elokuu', 'syyskuuta syys syyskuu', 'lokakuuta loka lokakuu', 'marraskuuta marras marraskuu',
        'joulukuuta joulu joulukuu',
    ),
    "el": (
        'ιανουαρίου ιαν ιανουάριος', 'φεβρουαρίου φεβ φεβρουάριος', 'μαρτίου μαρ μάρτιος μάρ', 'απριλίου απρ απρίλιος',
        'μαΐου μαΐ μάιος μάι', 'ιουνίου ιουν ιούνιος ιούν', 'ιουλίου ιουλ ιούλιος ιούλ', 'αυγούστου αυγ αύγουστος αύγ',
        'σεπτεμβρίου σεπ σεπτέμβριος', 'οκτωβρίου οκτ οκτώβριος', 'νοεμβρίου νοε νοέμβριος νοέ',
        'δεκεμβρίου δεκ δεκέμβριος',
    ),
    "he": (
        'ינואר ינו׳', 'פברואר פבר׳', 'מרץ', 'אפריל אפר׳', 'מאי', 'יוני', 'יולי', 'אוגוסט אוג׳', 'ספטמבר ספט׳',
        'אוקטובר אוק׳', 'נובמבר נוב׳', 'דצמבר דצמ׳',
    ),
    "ar": (
        'يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر',
    ),
    "th": (
        'มกราคม ม.ค', 'กุมภาพันธ์ ก.พ', 'มีนาคม มี.ค', 'เมษายน เม.ย', 'พฤษภาคม พ.ค', 'มิถุนายน มิ.ย', 'กรกฎาคม ก.ค',
        'สิงหาคม ส.ค', 'กันยายน ก.ย', 'ตุลาคม ต.ค', 'พฤศจิกายน พ.ย', 'ธันวาคม ธ.ค',
    ),
    "zh": ('一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'),
    "tl": (
        'enero ene', 'pebrero peb', 'marso mar', 'abril abr', 'mayo may', 'hunyo hun', 'hulyo hul', 'agosto ago',
        'setyembre set', 'oktubre okt', 'nobyembre nob', 'disyembre dis',
    ),
    "hi": (
        'जनवरी जन॰', 'फ़रवरी फ़र॰', 'मार्च', 'अप्रैल', 'मई', 'जून', 'जुलाई जुल॰', 'अगस्त अग॰', 'सितंबर सित॰',
        'अक्टूबर अक्टू॰', 'नवंबर नव॰', 'दिसंबर दिस॰',
    ),
    "bn": (
        'জানুয়ারি জানু', 'ফেব্রুয়ারি ফেব', 'মার্চ', 'এপ্রিল এপ্রি', 'মে', 'জুন', 'জুলাই জুল', 'আগস্ট আগ',
        'সেপ্টেম্বর সেপ সেপ্ট', 'অক্টোবর অক্টো', 'নভেম্বর নভে', 'ডিসেম্বর ডিসে',
    ),
}
