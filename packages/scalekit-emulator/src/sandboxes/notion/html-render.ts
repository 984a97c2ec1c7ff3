import { escapeHtml } from '../../html/escape.js';
import type { JsonObject, JsonValue } from '../sandbox.js';
import { isObject } from '../../json-object.js';
import type { DatabaseRecord, NotionRecord, PageRecord, PropertySchema } from './model.js';
import { notionUrl, pageTitle } from './notion-json.js';
import { plainText } from './rich-text.js';
import type { Workspace } from './workspace.js';

/** The workspace as a person reads it in Notion: pages with their blocks, databases as tables. */

/** Only web links become anchors; anything else (javascript:, data:) stays text. */
function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}

function richTextHtml(value: JsonValue | undefined): string {
  if (!Array.isArray(value)) return '';
  return value
    .map((item) => {
      if (!isObject(item)) return '';
      let html = escapeHtml(typeof item['plain_text'] === 'string' ? item['plain_text'] : '');
      const a = isObject(item['annotations']) ? item['annotations'] : {};
      if (a['code'] === true) html = `<code>${html}</code>`;
      if (a['bold'] === true) html = `<strong>${html}</strong>`;
      if (a['italic'] === true) html = `<em>${html}</em>`;
      if (a['strikethrough'] === true) html = `<s>${html}</s>`;
      if (a['underline'] === true) html = `<u>${html}</u>`;
      const href = typeof item['href'] === 'string' ? safeHref(item['href']) : undefined;
      return href === undefined ? html : `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${html}</a>`;
    })
    .join('');
}

function link(url: unknown, label: string): string {
  const href = typeof url === 'string' ? safeHref(url) : undefined;
  const text = escapeHtml(label);
  return href === undefined ? text : `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${text}</a>`;
}

const LIST_TAGS: Record<string, string> = { bulleted_list_item: 'ul', numbered_list_item: 'ol' };

class HtmlRenderer {
  constructor(private readonly ws: Workspace) {}

  /** Blocks in order; consecutive list items share one <ul>/<ol>. */
  children(containerId: string): string {
    let html = '';
    let openList: string | undefined;
    for (const record of this.ws.liveChildren(containerId)) {
      const listTag = record.kind === 'block' ? LIST_TAGS[record.type] : undefined;
      if (openList !== listTag) {
        if (openList) html += `</${openList}>`;
        if (listTag) html += `<${listTag}>`;
        openList = listTag;
      }
      html += this.record(record);
    }
    return openList ? `${html}</${openList}>` : html;
  }

  record(record: NotionRecord): string {
    if (record.kind === 'page') return this.page(record, 'div');
    if (record.kind === 'database') return this.database(record);
    const c: JsonObject = record.content;
    const text = richTextHtml(c['rich_text']);
    const nested = this.children(record.id);
    switch (record.type) {
      case 'paragraph':
        return `<p>${text}</p>${nested ? `<div class="indent">${nested}</div>` : ''}`;
      case 'heading_1':
        return `<h3>${text}</h3>${nested}`;
      case 'heading_2':
        return `<h4>${text}</h4>${nested}`;
      case 'heading_3':
        return `<h5>${text}</h5>${nested}`;
      case 'bulleted_list_item':
      case 'numbered_list_item':
        return `<li>${text}${nested}</li>`;
      case 'to_do':
        return `<div class="todo">${c['checked'] === true ? '☑' : '☐'} ${text}${nested}</div>`;
      case 'toggle':
        return `<details><summary>${text}</summary>${nested}</details>`;
      case 'quote':
        return `<blockquote>${text}${nested}</blockquote>`;
      case 'callout': {
        const icon =
          isObject(c['icon']) && typeof c['icon']['emoji'] === 'string' ? `${escapeHtml(c['icon']['emoji'])} ` : '';
        return `<div class="callout">${icon}${text}${nested}</div>`;
      }
      case 'code':
        return `<pre data-language="${escapeHtml(c['language'])}"><code>${escapeHtml(plainText(c['rich_text']))}</code></pre>`;
      case 'divider':
        return '<hr>';
      case 'image': {
        const url = isObject(c['external']) && typeof c['external']['url'] === 'string' ? c['external']['url'] : '';
        return `<figure>${link(url, `Image: ${url}`)}${Array.isArray(c['caption']) && c['caption'].length > 0 ? `<figcaption>${richTextHtml(c['caption'])}</figcaption>` : ''}</figure>`;
      }
      case 'bookmark':
      case 'embed':
        return `<p class="bookmark">${link(c['url'], typeof c['url'] === 'string' ? c['url'] : '')}</p>`;
      case 'table':
        return this.table(record.id, c['has_column_header'] === true);
      default:
        return '';
    }
  }

  table(tableId: string, header: boolean): string {
    const rows = this.ws.liveChildren(tableId).map((row, index) => {
      const cells = row.kind === 'block' && Array.isArray(row.content['cells']) ? row.content['cells'] : [];
      const tag = header && index === 0 ? 'th' : 'td';
      return `<tr>${cells.map((cell) => `<${tag}>${richTextHtml(cell)}</${tag}>`).join('')}</tr>`;
    });
    return `<table>${rows.join('')}</table>`;
  }

  page(page: PageRecord, tag: 'article' | 'div'): string {
    const title = pageTitle(page) || 'Untitled';
    const icon =
      isObject(page.icon) && typeof page.icon['emoji'] === 'string' ? `${escapeHtml(page.icon['emoji'])} ` : '';
    return (
      `<${tag} class="notion-page"><h2>${icon}<a href="${escapeHtml(notionUrl(pageTitle(page), page.id))}">${escapeHtml(title)}</a></h2>` +
      `${this.children(page.id)}</${tag}>`
    );
  }

  cell(page: PageRecord, property: PropertySchema): string {
    const value = page.values[property.id];
    switch (property.type) {
      case 'title':
      case 'rich_text':
        return richTextHtml(value);
      case 'url':
        return typeof value === 'string' ? link(value, value) : '';
      case 'checkbox':
        return value === true ? '☑' : '☐';
      case 'select':
        return isObject(value) ? escapeHtml(value['name']) : '';
      case 'multi_select':
        return Array.isArray(value) ? value.map((o) => (isObject(o) ? escapeHtml(o['name']) : '')).join(', ') : '';
      case 'date':
        return isObject(value)
          ? escapeHtml([value['start'], value['end']].filter((d) => typeof d === 'string').join(' → '))
          : '';
      case 'created_time':
        return escapeHtml(page.created_time);
      case 'last_edited_time':
        return escapeHtml(page.last_edited_time);
      default:
        return value === null || value === undefined ? '' : escapeHtml(value);
    }
  }

  database(db: DatabaseRecord): string {
    const head = db.schema.map((p) => `<th>${escapeHtml(p.name)}</th>`).join('');
    const rows = this.ws
      .rows(db.id)
      .filter((row) => !row.archived)
      .map((row) => `<tr>${db.schema.map((p) => `<td>${this.cell(row, p)}</td>`).join('')}</tr>`)
      .join('');
    return `<section class="notion-database"><h3>${escapeHtml(plainText(db.title) || 'Untitled database')}</h3><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></section>`;
  }
}

export function renderWorkspaceHtml(ws: Workspace): string {
  const renderer = new HtmlRenderer(ws);
  const pages = ws.topLevelPages().filter((p) => !p.archived);
  const body = pages.map((page) => renderer.page(page, 'article')).join('');
  return `<div class="notion-workspace"><h1>${escapeHtml(ws.workspaceName)}</h1>${body || '<p>No pages.</p>'}</div>`;
}
