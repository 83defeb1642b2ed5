import {expect, html} from '@open-wc/testing';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {chatFixture, part} from '../helpers/browser/chat-fixture.js';
import {agentMessage, systemMessage, userMessage} from '../helpers/browser/messages.js';

interface Download {
  readonly fileName: string;
  readonly type: string;
  readonly content: string;
}

interface DownloadCatcher {
  readonly downloads: Download[];
  /** Resolves once the caught files are read. */
  settled(): Promise<unknown>;
  restore(): void;
}

/** Catches what an `<a download>` click on a blob: URL would save, instead of saving it. */
function catchDownloads(): DownloadCatcher {
  const downloads: Download[] = [];
  const reading: Promise<void>[] = [];
  const blobs = new Map<string, Blob>();
  const createObjectURL = URL.createObjectURL.bind(URL);
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (object: Blob | MediaSource): string => {
    const url = createObjectURL(object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement): void {
    const blob = blobs.get(this.href);
    if (!blob) return void click.call(this);
    const fileName = this.download;
    reading.push(blob.text().then((content) => void downloads.push({fileName, type: blob.type, content})));
  };
  return {
    downloads,
    settled: () => Promise.all(reading),
    restore(): void {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}

const conversation = [
  agentMessage('Hello! How can I help?', {author: 'Ada', timestamp: '2025-05-12T10:00:00Z'}),
  userMessage('<b>My order</b>', {timestamp: '2025-05-12T10:01:00Z'}),
  agentMessage('Here it is', {attachments: [{contentType: 'url', title: 'Order 42', contentUrl: 'https://shop.example/42'}]}),
  systemMessage('x', {noticeKey: 'session-ended', noticeParams: {reason: 'REASON_USER_END'}}),
];

describe('<poly-chat> transcript export', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('exportTranscript() returns the conversation as text, after the session ended too', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {
      status: 'ended',
      endReason: 'REASON_USER_END',
      messages: conversation,
    });
    const exported = await chat.el.exportTranscript();
    expect(exported).to.match(/^Conversation transcript\n/);
    expect(exported).to.match(/\] Ada: Hello! How can I help\?\n/);
    expect(exported).to.match(/\] You: <b>My order<\/b>\n/);
    expect(exported).to.include('  Order 42 <https://shop.example/42>');
    expect(exported).to.include('Notice: You ended the conversation.');
  });

  it("exportTranscript({format: 'html'}) is a standalone document whose text is escaped, without scripts", async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', messages: conversation});
    const exported = await chat.el.exportTranscript({format: 'html'});
    const doc = new DOMParser().parseFromString(exported, 'text/html');
    expect(doc.title).to.equal('Conversation transcript');
    expect(doc.querySelectorAll('script, img, link, iframe, object')).to.have.length(0);
    expect(doc.querySelectorAll('li.message')).to.have.length(4);
    expect(doc.querySelector('li.user .text')?.textContent).to.include('<b>My order</b>');
    expect(doc.querySelector('li.user b')).to.equal(null, 'user text is never markup');
    expect(doc.querySelector('a')?.getAttribute('href')).to.equal('https://shop.example/42');
  });

  it('the header offers no download without transcript-export', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', messages: conversation});
    expect(part(chat.el, 'export-button')).to.equal(null);
  });

  it('transcript-export: a named header button, once there are messages, downloads the HTML with the date in the file name', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" transcript-export></poly-chat>`, {status: 'live', messages: []});
    expect(part(chat.el, 'export-button')).to.equal(null, 'nothing to download yet');
    await chat.set({messages: conversation});
    // After the end as well: the conversation stays downloadable.
    await chat.set({status: 'ended', endReason: 'REASON_USER_END'});
    const button = part(chat.el, 'export-button');
    expect(button?.getAttribute('aria-label')).to.equal('Download conversation');
    await expect(chat.el).to.be.accessible();

    const capture = catchDownloads();
    try {
      button?.click();
      // Loads the same export chunk; the click's download, which asked first, has happened once this resolves.
      await chat.el.exportTranscript();
      await capture.settled();
    } finally {
      capture.restore();
    }
    expect(capture.downloads).to.have.length(1);
    const [download] = capture.downloads;
    const now = new Date();
    const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    expect(download?.fileName).to.equal(`chat-transcript-${date}.html`);
    expect(download?.type).to.equal('text/html');
    expect(download?.content).to.match(/^<!doctype html>/);
    expect(download?.content).to.include('&lt;b&gt;My order&lt;/b&gt;');
  });
});
