import { describe, expect, test } from 'vitest';
import { findAll, findFirst, HtmlStream, htmlText, isHtmlPage, parseHtml } from './html-text';

describe('the text of Telegram HTML', () => {
  test.each([
    ['a line break', 'Лавров<br>Ван И', 'Лавров\nВан И'],
    ['two, as the preview writes them', 'Read more:<br/><br/>mid.ru', 'Read more:\n\nmid.ru'],
    ['entities decoded', '&lt;без&gt; &amp; &quot;партнёры&quot; &apos;x&apos; &laquo;ООН&raquo;', '<без> & "партнёры" \'x\' «ООН»'],
    ['spaces as written', '22 сентября  в Москве ', '22 сентября  в Москве '],
    ['links as their text', 'Read <a href="https://mid.ru/en/">more</a> at <a href="https://t.me/MID_Russia">@MID_Russia</a>', 'Read more at @MID_Russia'],
    ['formatting dropped', '<strong>20 сентября</strong> <em>in</em> <b>New</b> <i>York</i>', '20 сентября in New York'],
    ['an emoji of the preview', '<i class="emoji" style="background-image:url(\'//telegram.org/img/emoji/40/F09F87B7F09F87BA.png\')"><b>🇷🇺</b></i> MFA', '🇷🇺 MFA'],
    ['an emoji as an image', '<img class="emoji" src="e.png" alt="🤝"> talks', '🤝 talks'],
    ['an image without alt', 'a<img src="x.png">b', 'ab'],
    ['a custom emoji of the export', '<a href="" onclick="return ShowNotLoadedEmoji();">🇷🇺</a> Москва', '🇷🇺 Москва'],
    ['scripts and styles left out', 'a<script>var x = "<b>";</script><style>b{}</style>b', 'ab'],
  ])('%s', (_name, html, text) => {
    expect(htmlText(html)).toBe(text);
  });

  test('deep nesting is read without running out of stack', () => {
    const depth = 50_000;
    expect(htmlText(`${'<span>'.repeat(depth)}deep${'</span>'.repeat(depth)}`)).toBe('deep');
  });
});

describe('finding elements', () => {
  const { document } = parseHtml(
    '<div class="bubble"><a class="reply"><div class="text js-reply">quoted</div></a><div class="text js-message_text" dir="auto">own</div></div>',
  );

  test('by tag and classes, in document order, skipping what is not the message’s own', () => {
    expect(findAll(document, 'div.text').map((el) => htmlText(el))).toEqual(['quoted', 'own']);
    expect(htmlText(findFirst(document, 'div.text', 'a.reply')!)).toBe('own');
    expect(findFirst(document, 'div.text.bold')).toBeNull();
  });
});

describe('HTML read as it comes', () => {
  test('elements are handed over as they close, and those taken leave the tree', () => {
    const taken: string[] = [];
    const stream = new HtmlStream((el) => {
      if (el.name !== 'p') return false;
      taken.push(htmlText(el));
      return true;
    });
    // Cut inside a tag, an entity and a character's text.
    for (const piece of ['<div><p>one &am', 'p; two</p><p', '>три</p>', '<p>four</p></div>']) stream.write(piece);
    expect(stream.end()).toEqual([]);
    expect(taken).toEqual(['one & two', 'три', 'four']);
    expect(findAll(stream.document, 'p')).toEqual([]);
  });

  test('what the input leaves open is said, and not handed over', () => {
    const taken: string[] = [];
    const stream = new HtmlStream((el) => (el.name === 'p' ? (taken.push(htmlText(el)), true) : false));
    stream.write('<html><body><div><p>whole</p><p>half of it');
    expect(stream.end().map((el) => el.name)).toEqual(['html', 'body', 'div', 'p']);
    expect(taken).toEqual(['whole']);
  });

  test('a whole page leaves nothing open', () => {
    expect(parseHtml('<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body><br><img src="x"></body></html>\n').open).toEqual([]);
  });
});

describe('what an HTML page is', () => {
  test.each([
    ['<!DOCTYPE html>\n<html>\n', true],
    ['  \n<!doctype HTML><html lang="ru">', true],
    ['<html><body>', true],
    ['<b>20 сентября</b> состоялась беседа', false],
    ['<Заявление> МИД России', false],
    ['20 сентября <br> состоялась', false],
    ['', false],
  ])('%j: %s', (head, page) => {
    expect(isHtmlPage(head)).toBe(page);
  });
});
