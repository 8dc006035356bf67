# Writes the file IN as a C string array `rules_default_json` into OUT.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
file(WRITE ${OUT} "/* generated from rules/default.json */\nconst char rules_default_json[] = {${body}0x00};\n")
