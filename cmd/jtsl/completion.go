package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"
)

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash, zsh or fish)",
		UsageText: "jtsl completion bash|zsh|fish",
		Description: `Prints a script that completes jtsl's commands and flags (and file names
where a file is expected). The script is made from the command tree of this
jtsl: regenerate it after an upgrade.

  bash  echo 'source <(jtsl completion bash)' >> ~/.bashrc
        (or: jtsl completion bash > /etc/bash_completion.d/jtsl)
  zsh   jtsl completion zsh > "${fpath[1]}/_jtsl"   (then restart zsh;
        compinit must be enabled)
  fish  jtsl completion fish > ~/.config/fish/completions/jtsl.fish

## EXIT CODES
0 printed; 2 no shell or an unknown one.

## EXAMPLES
  jtsl completion bash > /etc/bash_completion.d/jtsl
  source <(jtsl completion zsh)

## STANDARDS
GNU Bash programmable completion (complete -F); the zsh completion system
(compdef, compadd); fish's complete builtin.`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("completion takes one shell: bash, zsh or fish")
			}
			tree := completionTree(c.App)
			switch sh := c.Args().First(); sh {
			case "bash":
				return writeBashCompletion(c.App.Writer, tree)
			case "zsh":
				return writeZshCompletion(c.App.Writer, tree)
			case "fish":
				return writeFishCompletion(c.App.Writer, tree)
			default:
				return usagef("completion: unknown shell %q (want bash, zsh or fish)", sh)
			}
		},
	}
}

// A completionNode is what can follow a command path: its subcommands
// and its flags.
type completionNode struct {
	path  string // "" for jtsl itself, "keys new" for a subcommand
	cmds  []string
	flags []string
}

// completionTree lists every command path of the app with its words, in
// a stable order, so that the scripts are made from the commands
// themselves (one place).
func completionTree(app *cli.App) []completionNode {
	var out []completionNode
	var walk func(path string, cmds []*cli.Command, flags []cli.Flag)
	walk = func(path string, cmds []*cli.Command, flags []cli.Flag) {
		n := completionNode{path: path, flags: []string{"--help"}}
		for _, f := range flags {
			for _, name := range f.Names() {
				if len(name) > 1 { // long names only: fewer, clearer choices
					n.flags = append(n.flags, "--"+name)
				}
			}
		}
		for _, c := range cmds {
			if !c.Hidden && c.Name != "help" {
				n.cmds = append(n.cmds, c.Name)
			}
		}
		sort.Strings(n.flags)
		n.flags = slices.Compact(n.flags)
		out = append(out, n)
		for _, c := range cmds {
			if !c.Hidden && c.Name != "help" {
				walk(strings.TrimSpace(path+" "+c.Name), c.Subcommands, c.Flags)
			}
		}
	}
	top := []cli.Flag{cli.VersionFlag}
	walk("", app.Commands, top)
	return out
}

// The scripts find the command path among the words typed so far (a word
// counts when it is a subcommand of the path before it), then offer that
// path's flags after a "-", its subcommands otherwise, and file names
// when it has none.
const bashCompletion = `# bash completion for jtsl; made by "jtsl completion bash"
_jtsl_words() {
  case "$1" in
%s  esac
}
_jtsl() {
  local cur=${COMP_WORDS[COMP_CWORD]} path="" w i words
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    [[ $w == -* ]] && continue
    words=" $(_jtsl_words "cmds:$path") "
    [[ $words == *" $w "* ]] && path="${path:+$path }$w"
  done
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_jtsl_words "flags:$path")" -- "$cur"))
  else
    words=$(_jtsl_words "cmds:$path")
    [[ -n $words ]] && COMPREPLY=($(compgen -W "$words" -- "$cur"))
  fi
}
complete -o default -F _jtsl jtsl
`

const zshCompletion = `#compdef jtsl
# zsh completion for jtsl; made by "jtsl completion zsh"
_jtsl_words() {
  case "$1" in
%s  esac
}
_jtsl() {
  local path_="" w
  local -a known
  for w in "${(@)words[2,CURRENT-1]}"; do
    [[ $w == -* ]] && continue
    known=(${=$(_jtsl_words "cmds:$path_")})
    (( ${known[(Ie)$w]} )) && path_="${path_:+$path_ }$w"
  done
  if [[ $PREFIX == -* ]]; then
    compadd -- ${=$(_jtsl_words "flags:$path_")}
  else
    known=(${=$(_jtsl_words "cmds:$path_")})
    if (( ${#known} )); then compadd -- $known; else _files; fi
  fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _jtsl "$@"
else
  compdef _jtsl jtsl
fi
`

const fishCompletion = `# fish completion for jtsl; made by "jtsl completion fish"
function __jtsl_words
    switch $argv[1]
%s    end
end
function __jtsl_path
    set -l words (commandline -opc)
    set -e words[1]
    set -l path ''
    for w in $words
        string match -q -- '-*' $w; and continue
        if contains -- $w (__jtsl_words "cmds:$path" | string split ' ')
            set path (string trim "$path $w")
        end
    end
    echo $path
end
function __jtsl_complete
    if string match -q -- '-*' (commandline -ct)
        __jtsl_words "flags:"(__jtsl_path) | string split ' '
    else
        __jtsl_words "cmds:"(__jtsl_path) | string split ' '
    end
end
# No file names where a subcommand is expected.
complete -c jtsl -f -n 'test -n "$(__jtsl_words cmds:(__jtsl_path))"' -a '(__jtsl_complete)'
complete -c jtsl -n 'test -z "$(__jtsl_words cmds:(__jtsl_path))"' -a '(__jtsl_complete)'
`

func writeFishCompletion(w io.Writer, tree []completionNode) error {
	var b strings.Builder
	for _, n := range tree {
		if len(n.cmds) > 0 {
			fmt.Fprintf(&b, "        case %q\n            echo %q\n", "cmds:"+n.path, strings.Join(n.cmds, " "))
		}
		fmt.Fprintf(&b, "        case %q\n            echo %q\n", "flags:"+n.path, strings.Join(n.flags, " "))
	}
	_, err := fmt.Fprintf(w, fishCompletion, b.String())
	return err
}

func completionCases(tree []completionNode) string {
	var b strings.Builder
	for _, n := range tree {
		if len(n.cmds) > 0 {
			fmt.Fprintf(&b, "    %q) echo %q ;;\n", "cmds:"+n.path, strings.Join(n.cmds, " "))
		}
		fmt.Fprintf(&b, "    %q) echo %q ;;\n", "flags:"+n.path, strings.Join(n.flags, " "))
	}
	return b.String()
}

func writeBashCompletion(w io.Writer, tree []completionNode) error {
	_, err := fmt.Fprintf(w, bashCompletion, completionCases(tree))
	return err
}

func writeZshCompletion(w io.Writer, tree []completionNode) error {
	_, err := fmt.Fprintf(w, zshCompletion, completionCases(tree))
	return err
}
