# Writes the file IN as a C string array named NAME into OUT.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
get_filename_component(src ${IN} NAME)
file(WRITE ${OUT} "/* generated from rules/${src} */\nconst char ${NAME}[] = {${body}0x00};\n")
