import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emojiFor } from '../../../../src/dev/playground/render/emoji.js';
import { renderMrkdwn } from '../../../../src/dev/playground/render/render-mrkdwn.js';

const ctx = {
  userName: (id: string) => ({ U0ALICE001: 'alice' })[id],
  channelName: (id: string) => ({ C0DEMO0001: 'codex-demo' })[id],
};
const r = (text: string) => renderMrkdwn(text, ctx);

describe('renderMrkdwn', () => {
  it('styles *bold*, _italic_, ~strike~ and `code`, nested too', () => {
    expect(r('*Active users* up')).toBe('<b>Active users</b> up');
    expect(r('_last week_')).toBe('<i>last week</i>');
    expect(r('~old~ new')).toBe('<s>old</s> new');
    expect(r('run `/codex help`')).toBe('run <code class="mk-code">/codex help</code>');
    expect(r('*_both_*')).toBe('<b><i>both</i></b>');
    expect(r('*see `x` now*')).toBe('<b>see <code class="mk-code">x</code> now</b>');
  });

  it('leaves markers inside words and lone markers alone', () => {
    expect(r('jane_doe_smith and 2*3*4')).toBe('jane_doe_smith and 2*3*4');
    expect(r('a * b * c')).toBe('a * b * c');
    expect(r('`*not bold*`')).toBe('<code class="mk-code">*not bold*</code>');
  });

  it('renders ```pre``` blocks verbatim and keeps newlines elsewhere', () => {
    expect(r('Bars:\n```CLI ███ 12\nIDE █ 4```')).toBe(
      'Bars:<br><pre class="mk-pre">CLI ███ 12\nIDE █ 4</pre>',
    );
    expect(r('one\ntwo')).toBe('one<br>two');
    expect(r('open ``` fence')).toBe('open ``` fence');
  });

  it('groups > lines into one quote (both > and &gt;)', () => {
    expect(r('> first\n&gt; second\nafter')).toBe(
      '<blockquote class="mk-quote">first<br>second</blockquote>after',
    );
  });

  it('renders links, mentions, channels and broadcasts', () => {
    expect(r('<https://example.com/a?b=1&amp;c=2|the docs>')).toBe(
      '<a class="mk-link" href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>',
    );
    expect(r('<https://example.com>')).toContain('>https://example.com</a>');
    expect(r('Shared by <@U0ALICE001>')).toBe('Shared by <span class="mk-mention">@alice</span>');
    expect(r('<@U0NOBODY1>')).toBe('<span class="mk-mention">@U0NOBODY1</span>');
    expect(r('<#C0DEMO0001> and <#C0OTHER001|general>')).toBe(
      '<span class="mk-mention">#codex-demo</span> and <span class="mk-mention">#general</span>',
    );
    expect(r('<!here> <!channel> <!subteam^S1|@leads>')).toBe(
      '<span class="mk-mention">@here</span> <span class="mk-mention">@channel</span> <span class="mk-mention">@leads</span>',
    );
  });

  it('decodes Slack entities once and shows emoji', () => {
    expect(r('a &lt; b &amp;&amp; c &gt; d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(r('&amp;lt;')).toBe('&amp;lt;');
    expect(r('Working on it… :hourglass: :warning: :no_such_emoji: 10:00:00')).toBe(
      'Working on it… ⌛ ⚠️ :no_such_emoji: 10:00:00',
    );
  });

  it('knows every emoji our messages use: the alert arrived as ":rotating_light:" in the playground', async () => {
    const used = new Set<string>();
    for (const dir of ['reports', 'commands', 'src/slack', 'src/alerts', 'src/digests']) {
      for (const file of await readdir(dir, { recursive: true })) {
        if (!file.endsWith('.ts')) continue;
        const source = await readFile(join(dir, file), 'utf8');
        // In string literals only: "hostname:pid:random" in a comment is no emoji.
        for (const [, name] of source.matchAll(/[`'"\s]:([a-z][a-z0-9_]*):/g)) used.add(name ?? '');
      }
    }
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((name) => emojiFor(name) === undefined)).toEqual([]);
  });

  describe('hostile input', () => {
    it('escapes raw HTML and script tags', () => {
      // Unescaped <…> is a Slack token, not HTML: a token that is no link shows as its text.
      const html = r('<script>alert(1)</script> <img src=x onerror=alert(1)>');
      expect(html).toBe('scriptalert(1)/script img src=x onerror=alert(1)');
      expect(r('"quoted" & \'single\'')).toBe('&quot;quoted&quot; &amp; &#39;single&#39;');
      expect(r('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('never links javascript:, data: or relative URLs', () => {
      for (const url of [
        'javascript:alert(1)',
        'JaVaScRiPt:alert(1)',
        'data:text/html,x',
        '/relative',
        ' javascript:x',
      ]) {
        const html = r(`<${url}|click>`);
        expect(html).not.toContain('<a');
        expect(html).toBe('click');
      }
    });

    it('cannot break out of the href or the label', () => {
      const html = r('<https://x.test/" onmouseover="alert(1)|"><b>hi</b>>');
      expect(html).not.toMatch(/"\s*onmouseover=/);
      expect(html).toContain('href="https://x.test/%22%20onmouseover=%22alert(1)"');
      const label = r('<https://x.test|"><script>x</script>>');
      expect(label).not.toContain('<script');
      expect(r('<@U1|"><svg onload=alert(1)>')).not.toContain('<svg');
    });

    it('ignores smuggled placeholder characters', () => {
      expect(r('a\u00000\u0000b `c`')).toBe('a0b <code class="mk-code">c</code>');
    });
  });
});
