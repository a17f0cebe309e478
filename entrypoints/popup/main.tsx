import { mountPage } from '@/src/ui/mount-page';
import { Popup } from '@/src/ui/popup';

mountPage('extName', <Popup />);
