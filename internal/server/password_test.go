package server

import (
	"strings"
	"testing"
)

func TestPasswordHashes(t *testing.T) {
	h, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q", h)
	}
	ph, err := parseHash(h)
	if err != nil {
		t.Fatal(err)
	}
	if !ph.verify("correct horse") || ph.verify("correct horse ") || ph.verify("") {
		t.Error("argon2id verification")
	}
	other, _ := HashPassword("correct horse")
	if other == h {
		t.Error("two hashes of one password share their salt")
	}
	b, err := parseHash(fastHash(t, "s3cret"))
	if err != nil || !b.verify("s3cret") || b.verify("S3cret") {
		t.Errorf("bcrypt: %v", err)
	}
	for _, bad := range []string{"", "s3cret", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=1,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=19456,t=2,p=1$!!$aGFzaGhhc2hoYXNoaGFzaA", "$2b$04$short", "{SHA}abc"} {
		if _, err := parseHash(bad); err == nil {
			t.Errorf("parseHash(%q) accepted it", bad)
		}
	}
	if _, err := HashPassword(""); err == nil {
		t.Error("an empty password was hashed")
	}
}

func TestParseUsers(t *testing.T) {
	targets := mustTargets(t, writeProject(t))
	if _, err := ParseUsers("u.toml", []byte(testUsers(t)), targets); err != nil {
		t.Fatal(err)
	}
	h := fastHash(t, "x")
	for _, c := range []struct{ file, want string }{
		{``, "no [user.NAME]"},
		{`[user.ana]` + "\nrole = \"translator\"\npassword = \"" + h + "\"", "needs locales"},
		{`[user.ana]` + "\nrole = \"boss\"\npassword = \"" + h + "\"", `role "boss"`},
		{`[user.ana]` + "\nrole = \"reviewer\"\nlocales = [\"de\"]\npassword = \"" + h + "\"", "not a target locale"},
		{`[user.ana]` + "\nrole = \"reviewer\"\npassword = \"plain\"", "unknown password hash"},
		{`[user.Ana]` + "\nrole = \"reviewer\"\npassword = \"" + h + "\"", "account name"},
		{`[user.ana]` + "\nrole = \"reviewer\"\nemail = \"a@b\"\npassword = \"" + h + "\"", `unknown key "user.ana.email"`},
		{`[user.ana` + "\n", "u.toml"},
	} {
		_, err := ParseUsers("u.toml", []byte(c.file), targets)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "u.toml") {
			t.Errorf("%q: %v, want an error naming the file and %q", c.file, err, c.want)
		}
	}
}
