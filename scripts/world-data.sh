#!/usr/bin/env bash
# Writes the test files of "the world's data" (#26) into OUTDIR, made here, not copied:
#   four-scripts.json  a Swimline dataset in Persian, Pashto, Russian and Chinese, with a
#                      mixed-direction title (the window, PNG and PDF tests; the screenshot)
#   ru-1251.csv        a Russian table as Excel saves it on a Russian Windows (Windows-1251)
#   ar-1256.csv        an Arabic table as Excel saves it on an Arabic Windows (Windows-1256)
#   utf16.txt          a table saved as Excel's "Unicode text" (UTF-16 LE with its BOM, tabs)
# Usage: scripts/world-data.sh OUTDIR
set -euo pipefail
out=${1:?usage: scripts/world-data.sh OUTDIR}
mkdir -p "$out"

cat > "$out/four-scripts.json" <<'JSON'
{
  "format": "swimline/1",
  "title": "طالبان و روسیه — Талибан — 塔利班",
  "actors": [
    { "id": "taliban", "name": "طالبان" },
    { "id": "afghan", "name": "د افغانستان حکومت" },
    { "id": "russia", "name": "Россия" },
    { "id": "china", "name": "中国" }
  ],
  "events": [
    { "id": "fa", "title": "دیدار نمایندگان طالبان در مسکو", "time": "2018-11-09",
      "kind": "action", "actors": ["taliban"] },
    { "id": "ps", "title": "د سولې خبرې اترې په دوحه کې", "time": "2019-02-25",
      "kind": "statement", "actors": ["afghan"] },
    { "id": "ru", "title": "Переговоры в Москве с движением Талибан", "time": "2018-11-09",
      "kind": "action", "actors": ["russia"] },
    { "id": "zh", "title": "中国外交部发表声明", "time": "2019-06-20",
      "kind": "statement", "actors": ["china"] },
    { "id": "mixed", "title": "Meeting with طالبان و روسیه in Moscow", "time": "2019-05-28",
      "kind": "action", "actors": ["taliban", "russia"] }
  ]
}
JSON

printf 'title,start,actors\r\n%s\r\n%s\r\n%s\r\n' \
  'Встреча в Москве с представителями движения,2018-11-09,Россия' \
  'Заявление Министерства иностранных дел,2018-11-10,Россия' \
  'Переговоры в Душанбе,2019-02-05,Таджикистан' |
  iconv -f UTF-8 -t CP1251 > "$out/ru-1251.csv"

printf 'title,start,actors\r\n%s\r\n%s\r\n%s\r\n' \
  'اجتماع في موسكو مع ممثلين عن الحركة,2018-11-09,روسيا' \
  'بيان وزارة الخارجية حول المفاوضات,2018-11-10,قطر' \
  'المحادثات في الدوحة,2019-02-25,قطر' |
  iconv -f UTF-8 -t CP1256 > "$out/ar-1256.csv"

{
  printf '\xff\xfe'
  printf 'title\tstart\tactors\r\n%s\r\n%s\r\n' \
    $'Талибан в Москве\t2018-11-09\tРоссия' \
    $'طالبان در دوحه\t2019-02-25\t塔利班' |
    iconv -f UTF-8 -t UTF-16LE
} > "$out/utf16.txt"
