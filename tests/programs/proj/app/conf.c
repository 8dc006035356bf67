int app_verbose = 1;
