package server

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/healthloc/healthloc/internal/locale"
	"github.com/healthloc/healthloc/internal/tomlerr"
)

// Role is what an account may do.
type Role string

// The roles. A translator edits the locales listed for them; a reviewer
// also approves, rejects candidates and accepts findings (in the listed
// locales, or all when none are listed); an admin does everything in
// every locale.
const (
	Translator Role = "translator"
	Reviewer   Role = "reviewer"
	Admin      Role = "admin"
)

// User is an account, or the person holding the start-up token.
type User struct {
	// Login is the account name, recorded in reviews and the audit log.
	Login string
	// Name is the name shown in the workspace.
	Name string
	Role Role
	// Locales are the target locales the account works on; empty means
	// all (for a reviewer or an admin).
	Locales []language.Tag
	hash    *passwordHash
}

// CanEdit reports whether u may see and edit translations in loc.
func (u *User) CanEdit(loc language.Tag) bool {
	return u.Role == Admin || len(u.Locales) == 0 || slices.Contains(u.Locales, loc)
}

// CanReview reports whether u may approve, reject and accept findings in
// loc.
func (u *User) CanReview(loc language.Tag) bool {
	return (u.Role == Reviewer || u.Role == Admin) && u.CanEdit(loc)
}

// Users are the accounts of a users file, by login.
type Users map[string]*User

// usersFile is the TOML shape of a users file.
type usersFile struct {
	User map[string]struct {
		Name     string   `toml:"name"`
		Role     string   `toml:"role"`
		Locales  []string `toml:"locales"`
		Password string   `toml:"password"`
	} `toml:"user"`
}

var loginRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// LoadUsers reads a users file:
//
//	[user.ana]
//	name = "Dr. Ana Ruiz"
//	role = "reviewer"            # translator, reviewer or admin
//	locales = ["es", "es-MX"]    # required for a translator
//	password = "$argon2id$v=19$m=65536,t=3,p=4$…"
//
// targets are the project's target locales, which every listed locale
// must be.
func LoadUsers(path string, targets []language.Tag) (Users, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseUsers(path, data, targets)
}

// ParseUsers is LoadUsers on data read from path.
func ParseUsers(path string, data []byte, targets []language.Tag) (Users, error) {
	var f usersFile
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		return nil, tomlerr.Wrap(path, data, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown key %q (a user has name, role, locales and password)", path, und[0].String())
	}
	if len(f.User) == 0 {
		return nil, fmt.Errorf("%s: no [user.NAME] table: the file lists no account", path)
	}
	users := Users{}
	logins := make([]string, 0, len(f.User))
	for login := range f.User {
		logins = append(logins, login)
	}
	sort.Strings(logins)
	for _, login := range logins {
		e := f.User[login]
		where := fmt.Sprintf("%s: user %q", path, login)
		if !loginRe.MatchString(login) {
			return nil, fmt.Errorf("%s: an account name is lower-case letters, digits, '.', '_' or '-'", where)
		}
		u := &User{Login: login, Name: e.Name, Role: Role(e.Role)}
		if u.Name == "" {
			u.Name = login
		}
		switch u.Role {
		case Translator, Reviewer, Admin:
		default:
			return nil, fmt.Errorf("%s: role %q: want translator, reviewer or admin", where, e.Role)
		}
		for _, l := range e.Locales {
			tag, err := locale.Parse(l)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
			if !slices.Contains(targets, tag) {
				return nil, fmt.Errorf("%s: locale %s is not a target locale of the project", where, tag)
			}
			u.Locales = append(u.Locales, tag)
		}
		if u.Role == Translator && len(u.Locales) == 0 {
			return nil, fmt.Errorf("%s: a translator needs locales = [...]", where)
		}
		if u.Role == Admin {
			u.Locales = nil
		}
		if u.hash, err = parseHash(e.Password); err != nil {
			return nil, fmt.Errorf("%s: password: %w", where, err)
		}
		users[login] = u
	}
	return users, nil
}
