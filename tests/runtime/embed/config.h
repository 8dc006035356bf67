/* What some autoconf projects' config.h does on compilers it thinks lack inline. */
#define inline
