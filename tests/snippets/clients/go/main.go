// Command snippetclient makes one HTTPS GET to https://localhost:PORT/ through the generated Go
// snippet: tls.Config{RootCAs: ROOT_PEM, VerifyConnection: pinning.VerifyConnection}. The test
// copies the snippet to pinning/pinning.go beside this file before `go build`.
//
// Usage: snippetclient ROOT_PEM PORT. Prints "OK <status>" and exits 0, or "ERROR <message>" and
// exits 3.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"pincalc.test/snippetclient/pinning"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: snippetclient ROOT_PEM PORT")
		os.Exit(2)
	}
	pem, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(3)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		fmt.Println("ERROR no certificate in", os.Args[1])
		os.Exit(3)
	}
	client := &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{
			RootCAs:          roots,
			VerifyConnection: pinning.VerifyConnection,
		}},
	}
	resp, err := client.Get("https://localhost:" + os.Args[2] + "/")
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(3)
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		fmt.Println("ERROR", err)
		os.Exit(3)
	}
	fmt.Println("OK", resp.StatusCode)
}
