import { describe, expect, it } from 'vitest';
import { renderBlocks, renderMessageBody } from '../../../../src/dev/playground/render/render-blocks.js';

const ctx = {
  fileUrl: (id: string) => `/files/${id}`,
  userName: (id: string) => (id === 'U1' ? 'ana' : undefined),
};
const r = (blocks: unknown) => renderBlocks(blocks, ctx);

describe('renderBlocks', () => {
  it('header: plain text with emoji, escaped', () => {
    expect(
      r([{ type: 'header', text: { type: 'plain_text', text: 'Codex <usage> :bar_chart:', emoji: true } }]),
    ).toBe('<div class="bk-header">Codex &lt;usage&gt; 📊</div>');
  });

  it('section: mrkdwn text, fields and a button accessory', () => {
    const html = r([
      {
        type: 'section',
        block_id: 'b1',
        text: { type: 'mrkdwn', text: '*Active users*' },
        fields: [
          { type: 'mrkdwn', text: '*Credits*\n1.2k' },
          { type: 'plain_text', text: 'Threads: 42' },
        ],
        accessory: {
          type: 'button',
          action_id: 'go',
          value: 'v',
          text: { type: 'plain_text', text: 'Open' },
        },
      },
    ]);
    expect(html).toContain('<div class="bk-section-text"><b>Active users</b></div>');
    expect(html).toContain('<div class="bk-field"><b>Credits</b><br>1.2k</div>');
    expect(html).toContain('<div class="bk-field">Threads: 42</div>');
    expect(html).toContain(
      '<button type="button" class="bk-button" data-action-id="go" data-block-id="b1" data-value="v">Open</button>',
    );
  });

  it('context: mrkdwn, plain text and image elements', () => {
    const html = r([
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: 'Shared by <@U1>' },
          { type: 'plain_text', text: 'plain' },
          { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'logo' },
        ],
      },
    ]);
    expect(html).toContain('Shared by <span class="mk-mention">@ana</span>');
    expect(html).toContain('<span class="bk-context-text">plain</span>');
    expect(html).toContain(
      '<img class="bk-context-img" src="https://example.com/i.png" alt="logo" title="logo">',
    );
  });

  it('divider and image blocks: slack_file → /files/<id>, image_url kept, title as caption', () => {
    const html = r([
      { type: 'divider' },
      {
        type: 'image',
        slack_file: { id: 'F0FAKE00001' },
        alt_text: '42 users',
        title: { type: 'plain_text', text: 'Trend' },
      },
      { type: 'image', image_url: 'https://quickchart.io/c.png', alt_text: 'chart' },
    ]);
    expect(html).toContain('<hr class="bk-divider">');
    expect(html).toContain('<figcaption class="bk-image-title">Trend</figcaption>');
    expect(html).toContain('src="/files/F0FAKE00001" alt="42 users"');
    expect(html).toContain('src="https://quickchart.io/c.png"');
  });

  it('actions: buttons with styles and values become clickable; URL buttons are links', () => {
    const html = r([
      {
        type: 'actions',
        block_id: 'codex_pulse_share',
        elements: [
          {
            type: 'button',
            action_id: 'codex_pulse_share',
            value: 'abc',
            style: 'primary',
            text: { type: 'plain_text', text: 'Share to channel' },
          },
          {
            type: 'button',
            action_id: 'docs',
            url: 'https://example.com',
            text: { type: 'plain_text', text: 'Docs' },
          },
          { type: 'static_select', action_id: 'pick' },
        ],
      },
    ]);
    expect(html).toContain('class="bk-button bk-button-primary" data-action-id="codex_pulse_share"');
    expect(html).toContain('data-value="abc">Share to channel</button>');
    expect(html).toContain('<a class="bk-button" href="https://example.com/"');
    expect(html).toContain('[unsupported element: static_select]');
  });

  it('table: header row, raw_text and rich_text cells, alignment', () => {
    const html = r([
      {
        type: 'table',
        column_settings: [null, { align: 'right' }],
        rows: [
          [
            { type: 'raw_text', text: 'User' },
            { type: 'raw_text', text: 'Credits' },
          ],
          [
            {
              type: 'rich_text',
              elements: [
                {
                  type: 'rich_text_section',
                  elements: [{ type: 'text', text: 'ana', style: { bold: true } }],
                },
              ],
            },
            { type: 'raw_text', text: '1,204' },
          ],
        ],
      },
    ]);
    expect(html).toContain('<tr><th>User</th><th class="bk-align-right">Credits</th></tr>');
    expect(html).toContain('<b>ana</b>');
    expect(html).toContain('<td class="bk-align-right">1,204</td>');
  });

  it('rich_text: sections, lists, preformatted, quotes, links, emoji and mentions', () => {
    const html = r([
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'text', text: 'Hi ' },
              { type: 'user', user_id: 'U1' },
              { type: 'emoji', name: 'wave' },
              { type: 'link', url: 'https://example.com', text: 'docs' },
            ],
          },
          {
            type: 'rich_text_list',
            style: 'ordered',
            elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }],
          },
          { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'code' }] },
          { type: 'rich_text_quote', elements: [{ type: 'text', text: 'quoted' }] },
        ],
      },
    ]);
    expect(html).toContain(
      'Hi <span class="mk-mention">@ana</span>👋<a class="mk-link" href="https://example.com/"',
    );
    expect(html).toContain('<ol class="rt-list"><li><div class="rt-section">one</div></li></ol>');
    expect(html).toContain('<pre class="mk-pre">code</pre>');
    expect(html).toContain('<blockquote class="mk-quote">quoted</blockquote>');
  });

  it('unknown block types become a labelled placeholder, never dropped', () => {
    expect(r([{ type: 'data_visualization' }, { nope: true }, 'junk'])).toBe(
      '<div class="bk-unsupported">[unsupported block: data_visualization]</div>' +
        '<div class="bk-unsupported">[unsupported block: unknown]</div>',
    );
    expect(r([{ type: 'toString' }, { type: '__proto__' }])).toContain('[unsupported block: toString]');
  });

  it('falls back to the top-level text when a message has no blocks', () => {
    expect(renderMessageBody({ text: 'Working on it… :hourglass:' }, ctx)).toBe(
      '<div class="bk-text">Working on it… ⌛</div>',
    );
    expect(renderMessageBody({ text: 'x', blocks: [{ type: 'divider' }] }, ctx)).toBe(
      '<hr class="bk-divider">',
    );
  });

  describe('hostile input', () => {
    it('escapes every text, attribute and type name', () => {
      const evil = '"><script>alert(1)</script>';
      const html = r([
        { type: 'header', text: { type: 'plain_text', text: evil } },
        {
          type: 'section',
          text: { type: 'plain_text', text: evil },
          fields: [{ type: 'mrkdwn', text: evil }],
        },
        {
          type: 'actions',
          block_id: evil,
          elements: [
            { type: 'button', action_id: evil, value: evil, text: { type: 'plain_text', text: evil } },
          ],
        },
        { type: 'image', image_url: 'https://x.test/a.png', alt_text: evil },
        { type: evil },
        { type: 'table', rows: [[{ type: 'raw_text', text: evil }]] },
      ]);
      expect(html).not.toContain('<script');
      expect(html).not.toMatch(/="[^"]*"><script/);
      expect(html).toContain('data-action-id="&quot;&gt;&lt;script&gt;');
      expect(html).toContain('[unsupported block: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;]');
    });

    it('never loads javascript: or data: images or links', () => {
      const html = r([
        { type: 'image', image_url: 'javascript:alert(1)', alt_text: 'x' },
        { type: 'image', image_url: 'data:image/svg+xml,<svg onload=alert(1)>', alt_text: 'y' },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              url: 'javascript:alert(1)',
              action_id: 'a',
              text: { type: 'plain_text', text: 'b' },
            },
          ],
        },
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [{ type: 'link', url: 'javascript:alert(1)', text: 'l' }],
            },
          ],
        },
      ]);
      expect(html).not.toMatch(/javascript:|data:image/);
      expect(html).toContain('[image: x]');
      expect(html).not.toContain('<a ');
    });

    it('a slack_file id cannot escape the file URL attribute', () => {
      const html = renderBlocks(
        [{ type: 'image', slack_file: { id: '" onerror="alert(1)' }, alt_text: 'a' }],
        {
          fileUrl: (id) => `/files/${encodeURIComponent(id)}`,
        },
      );
      expect(html).toContain('src="/files/%22%20onerror%3D%22alert(1)"');
    });
  });
});
