package server

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"
)

// The argon2id parameters of HashPassword: OWASP's recommended
// 19 MiB, two passes, one lane (a sign-in takes a few tens of
// milliseconds on a laptop; a stolen users file costs an attacker as
// much per guess).
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword returns an argon2id hash of password in the PHC string
// form ($argon2id$v=19$m=…,t=…,p=…$salt$hash) that a users file holds.
func HashPassword(password string) (string, error) {
	if password == "" {
		return "", errors.New("the password is empty")
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// passwordHash is a parsed hash from a users file.
type passwordHash struct {
	bcrypt []byte
	// argon2id
	time, memory uint32
	threads      uint8
	salt, key    []byte
}

// parseHash reads an argon2id hash in the PHC string form or a bcrypt
// hash ($2a$, $2b$, $2y$).
func parseHash(s string) (*passwordHash, error) {
	switch {
	case strings.HasPrefix(s, "$2a$"), strings.HasPrefix(s, "$2b$"), strings.HasPrefix(s, "$2y$"):
		if _, err := bcrypt.Cost([]byte(s)); err != nil {
			return nil, fmt.Errorf("not a valid bcrypt hash: %w", err)
		}
		return &passwordHash{bcrypt: []byte(s)}, nil
	case strings.HasPrefix(s, "$argon2id$"):
		parts := strings.Split(s, "$")
		// "", argon2id, v=19, m=…,t=…,p=…, salt, hash
		if len(parts) != 6 {
			return nil, errors.New("not a valid argon2id hash: want $argon2id$v=19$m=…,t=…,p=…$salt$hash")
		}
		var v int
		if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
			return nil, fmt.Errorf("argon2id version %q: want v=%d", parts[2], argon2.Version)
		}
		h := &passwordHash{}
		if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &h.memory, &h.time, &h.threads); err != nil {
			return nil, fmt.Errorf("argon2id parameters %q: %w", parts[3], err)
		}
		if h.time < 1 || h.threads < 1 || h.memory < 8*uint32(h.threads) || h.memory > 4*1024*1024 {
			return nil, fmt.Errorf("argon2id parameters %q are out of range", parts[3])
		}
		var err error
		if h.salt, err = base64.RawStdEncoding.DecodeString(parts[4]); err != nil || len(h.salt) < 8 {
			return nil, errors.New("argon2id salt is not valid unpadded base64 of 8 bytes or more")
		}
		if h.key, err = base64.RawStdEncoding.DecodeString(parts[5]); err != nil || len(h.key) < 16 {
			return nil, errors.New("argon2id hash is not valid unpadded base64 of 16 bytes or more")
		}
		return h, nil
	}
	return nil, errors.New("unknown password hash: use argon2id ($argon2id$…) or bcrypt ($2b$…); healthloc serve --hash-password makes one")
}

// verify reports whether password matches the hash, in time that does
// not depend on where they differ.
func (h *passwordHash) verify(password string) bool {
	if h.bcrypt != nil {
		return bcrypt.CompareHashAndPassword(h.bcrypt, []byte(password)) == nil
	}
	key := argon2.IDKey([]byte(password), h.salt, h.time, h.memory, h.threads, uint32(len(h.key)))
	return subtle.ConstantTimeCompare(key, h.key) == 1
}
