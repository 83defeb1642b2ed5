import {expect} from '@open-wc/testing';
import {html, render} from 'lit';

describe('browser test harness', () => {
  it('renders a lit template in real Chromium', () => {
    const host = document.createElement('div');
    render(html`<p>${'<b>not html</b>'}</p>`, host);
    expect(host.querySelector('p')?.textContent).to.equal('<b>not html</b>');
    expect(host.querySelector('b')).to.equal(null);
  });
});
