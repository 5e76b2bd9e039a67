module pincalc.test/snippetclient

go 1.19
