# Swedish as written in Finland (CLDR sv_FI): day.month.year and hours.minutes.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = "j F Y \\k\\l. H.i"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y H.i"
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H.%M", "%H.%M.%S", "%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H.%M",
    "%d.%m.%Y %H.%M.%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
]
