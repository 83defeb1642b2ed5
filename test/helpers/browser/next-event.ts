// A typed `oneEvent` for the element's own events (HTMLElementEventMap keys).
export function nextEvent<K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K): Promise<HTMLElementEventMap[K]> {
  return new Promise((resolve) => {
    target.addEventListener(type, (event) => resolve(event), {once: true});
  });
}
